package org.magflow.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well1024a;

/**
 * Independent random-number streams, each a pure function of (master seed, replication, stream name).
 *
 * <p>One stream per source of randomness ({@code "demand/us-ev"}, {@code "licences/CN"}) means a new draw in
 * one place shifts no other, and replication <i>k</i> sees the same streams at every sweep point (common
 * random numbers). The generator is commons-math3's WELL1024a, whose output is fixed by its published
 * algorithm, so a stream gives the same numbers on every JVM.
 */
public record RandomStreams(long masterSeed, int replication) {

  /** A new generator for the named stream; two calls with one name give two equal, independent copies. */
  public RandomGenerator stream(String name) {
    long state = mix(mix(masterSeed) ^ mix(0x9E3779B97F4A7C15L + replication) ^ fnv1a(name));
    int[] seed = new int[32]; // WELL1024a's whole state, filled by SplitMix64 so no seed bit is wasted
    for (int i = 0; i < seed.length; i += 2) {
      state += 0x9E3779B97F4A7C15L;
      long z = mix(state);
      seed[i] = (int) z;
      seed[i + 1] = (int) (z >>> 32);
    }
    return new Well1024a(seed);
  }

  /** SplitMix64's finaliser: a bijective avalanche of 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64-bit FNV-1a of the UTF-8 name: stable across JVMs, unlike identity hash codes. */
  static long fnv1a(String name) {
    long h = 0xCBF29CE484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }
}
