package org.magflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import com.fasterxml.jackson.core.JacksonException;
import org.magflow.run.InputException;
import org.magflow.run.MagflowVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code magflow} command: parses arguments, delegates, and turns outcomes into exit codes.
 *
 * <p>Exit codes: 0 success; 1 an internal error (a bug: please report it); 2 bad input or usage.
 */
@Command(name = "magflow", mixinStandardHelpOptions = true, versionProvider = MagflowCli.Version.class,
    description = "Discrete-event simulation of the rare-earth permanent-magnet supply chain.",
    footer = {"%nExamples:", "  magflow run scenarios/baseline.yaml", "  magflow report results/baseline",
        "  magflow help run"},
    // one command a line, so that adding one is a one-line change
    subcommands = {
        RunCommand.class,
        ValidateCommand.class,
        SweepCommand.class,
        ChartCommand.class,
        ReportCommand.class,
        BacktestCommand.class,
        CalibrateCommand.class,
        OptimizeCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class MagflowCli {
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of internal errors.")
  boolean debug;

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (shuttingDown()) awaitHalt();
    System.exit(code);
  }

  /**
   * Waits for the shutdown a signal started (Ctrl-C, SIGTERM) to end the JVM with the signal's status (130,
   * 143). Calling {@code System.exit} here instead raced it: in the moment between the shutdown hooks finishing
   * and the halt, the JDK halts at once with a non-zero status passed to exit, so an interrupted run sometimes
   * exited 1, as for a bug (InterruptedRunTest saw it once).
   */
  private static void awaitHalt() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep waiting: the halt ends this thread
      }
    }
  }

  /** The command line with magflow's error handling, for main and for tests. */
  public static CommandLine commandLine() {
    MagflowCli cli = new MagflowCli();
    CommandLine cmd = new CommandLine(cli);
    cmd.setUsageHelpWidth(100); // wide enough that no usage line breaks inside a word
    cmd.setParameterExceptionHandler((ex, args) -> {
      CommandLine bad = ex.getCommandLine();
      bad.getErr().println("error: " + ex.getMessage());
      bad.getErr().println("Run '" + bad.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
      return BAD_INPUT;
    });
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        failed(ex, commandLine.getErr(), cli.debug, MagflowCli::shuttingDown));
    return cmd;
  }

  /**
   * What a command that threw tells the user, and its exit code: bad input, the disk, an interruption, or a bug.
   *
   * @param shuttingDown whether the JVM is shutting down (Ctrl-C, SIGTERM): then a failure is the interruption's
   *     doing, not a bug, and the shutdown hooks have kept the earlier results
   */
  static int failed(Exception ex, PrintWriter err, boolean debug, BooleanSupplier shuttingDown) {
    if (ex instanceof InputException input) {
      input.problems().forEach(p -> err.println("error: " + p));
      return BAD_INPUT;
    }
    if (shuttingDown.getAsBoolean()) {
      err.println("magflow: interrupted; earlier results are kept as they were.");
      return INTERNAL_ERROR; // the JVM exits with the signal's status, whatever is returned here
    }
    // Jackson's exceptions are IOExceptions, but one while writing an output is magflow's fault, not the disk's
    if (ex instanceof IOException io && !(ex instanceof JacksonException)) { // full, read-only, permissions
      err.println("magflow: cannot read or write a file: " + io);
      if (debug) ex.printStackTrace(err);
      else err.println("Nothing was written. Run again with --debug for the stack trace.");
      return INTERNAL_ERROR;
    }
    err.println("magflow: internal error: " + ex);
    if (debug) ex.printStackTrace(err);
    else err.println("Run again with --debug for the stack trace, and please report it.");
    return INTERNAL_ERROR;
  }

  /** Whether the JVM is shutting down: it then refuses new shutdown hooks. */
  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** Reports the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"magflow " + MagflowVersion.current()};
    }
  }
}
