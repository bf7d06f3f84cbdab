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

  public List<Problem> problems() {
    return problems;
  }
}
