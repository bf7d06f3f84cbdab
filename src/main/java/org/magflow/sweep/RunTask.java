package org.magflow.sweep;

import java.io.Serializable;

/**
 * One run of a sweep: which point, which replication. A task is a value, small and serialisable, so a
 * distributed {@link RunExecutor} can ship it to another machine.
 *
 * @param run the run's index: {@code point × replications + replication}; outputs are in this order
 * @param seed the master seed: replication k of every point uses {@code RandomStreams(seed, k)} (common
 *     random numbers)
 */
public record RunTask(int run, int point, int replication, long seed) implements Serializable {}
