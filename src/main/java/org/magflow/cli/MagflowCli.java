package org.magflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
    subcommands = {RunCommand.class, ValidateCommand.class, SweepCommand.class, ChartCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class MagflowCli {
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of internal errors.")
  boolean debug;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with magflow's error handling, for main and for tests. */
  public static CommandLine commandLine() {
    MagflowCli cli = new MagflowCli();
    CommandLine cmd = new CommandLine(cli);
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (ex instanceof InputException input) {
        input.problems().forEach(p -> err.println("error: " + p));
        return BAD_INPUT;
      }
      if (ex instanceof IOException io) { // the disk, not magflow: full, read-only, permissions
        err.println("magflow: cannot read or write a file: " + io);
        if (cli.debug) ex.printStackTrace(err);
        else err.println("Nothing was written. Run again with --debug for the stack trace.");
        return INTERNAL_ERROR;
      }
      err.println("magflow: internal error: " + ex);
      if (cli.debug) ex.printStackTrace(err);
      else err.println("Run again with --debug for the stack trace, and please report it.");
      return INTERNAL_ERROR;
    });
    return cmd;
  }

  /** Reports the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"magflow " + MagflowVersion.current()};
    }
  }
}
