package org.magflow.run;

import java.util.List;
import org.magflow.scenario.Problem;

/** The user's input is wrong; every problem found is listed, each with its location. */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public InputException(List<Problem> problems) {
    super(problems.size() + " problem(s) in the input: " + problems.get(0));
    this.problems = List.copyOf(problems);
  }

  /** One problem with a whole input (a file, a folder, an option), not a place inside it. */
  public static InputException at(String where, String message) {
    return new InputException(List.of(new Problem(where, "", 0, 0, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
