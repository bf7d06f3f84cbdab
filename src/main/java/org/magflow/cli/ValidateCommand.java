package org.magflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.magflow.run.InputException;
import org.magflow.run.RunJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code magflow validate FILE...}: checks scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    footer = {"%nExample:", "  magflow validate scenarios/*.yaml"},
    description = "Check scenario files and report every problem with its line, column and field path.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files to check.")
  List<Path> files;

  @Override
  public Integer call() {
    int bad = 0;
    for (Path file : files) {
      try {
        RunJob.loadChecked(file).warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        spec.commandLine().getOut().println("ok: " + file);
      } catch (InputException e) {
        bad++;
        e.problems().forEach(p -> spec.commandLine().getErr().println("error: " + p));
      }
    }
    spec.commandLine().getOut().flush();
    return bad == 0 ? MagflowCli.OK : MagflowCli.BAD_INPUT;
  }
}
