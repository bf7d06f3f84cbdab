package org.magflow.scenario;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;
import org.magflow.policy.Rule;

/**
 * A time-windowed policy as written in a scenario file, chosen by its {@code type} field.
 *
 * <p>Every policy has a {@code name} (an id, unique in the scenario), an optional {@code title} (its name for
 * readers), a {@code start} date, an optional {@code end} (the first day it no longer applies) and an optional
 * {@code source} (where the real-world event is documented). Region, commodity, producer and demand-sector ids refer to the scenario's own.
 *
 * <p>Each family is one record in its own file that holds all of it: the fields a file gives, their checks
 * ({@link #validate}), their defaults ({@link #withDefaults}) and what the family compiles to for the model
 * ({@link #compile}). The methods are abstract, so a family that lacks one does not compile. The families,
 * and the {@code type} name each is written under, are listed once, in {@link PolicyFamilies}.
 */
// Not sealed: a sealed interface would need a permits list, a second list of the families beside the
// registry, and would shut out the example family the tests register. PolicyFamiliesTest checks that every
// implementation in the package is registered.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface PolicySpec {
  /** The longest title: it labels charts and heads table rows. */
  int MAX_TITLE_LENGTH = 80;

  String name();

  /**
   * The policy's name for readers (chart labels, briefings, the terminal summary), one line of at most
   * {@link #MAX_TITLE_LENGTH} characters; null when the file gives none (readers then see a readable form of
   * the name). Every family declares it {@code @JsonInclude(NON_NULL)}, so a resolved scenario without titles
   * reads as it did before titles existed.
   */
  String title();

  LocalDate start();

  /** The day the policy lapses (it is in force up to the day before), or null if it never does. */
  LocalDate end();

  /** Where the real-world event is documented; free text, may be empty. */
  String source();

  /**
   * Reports every problem with this policy's own fields; the name, start and end are checked already. The
   * record may be incomplete: any field may be null.
   *
   * @param path the policy's path, e.g. {@code policies[3]}
   */
  void validate(Checks check, String path);

  /** This policy with every optional field filled by its default; called on a validated policy only. */
  PolicySpec withDefaults();

  /** The rules the model applies while the policy is in force; called on a validated policy with defaults. */
  List<Rule> compile(PolicyCompiler compiler);

  /**
   * A duration drawn at random for each case, such as a licence review.
   *
   * @param distribution fixed (days), uniform (min, max), triangular (min, mode, max) or lognormal (mean, sd)
   */
  record DurationSpec(String distribution, Double days, Double min, Double mode, Double max, Double mean,
                      Double sd) {}
}
