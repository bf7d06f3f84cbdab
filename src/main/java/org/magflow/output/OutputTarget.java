package org.magflow.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.magflow.output.chart.SweepData;

/**
 * Where a command is about to write, checked before any work starts: a command may replace only what magflow
 * wrote of the same kind (a run's folder, a sweep's folder, a briefing), so nothing of the user's is ever lost,
 * and a target it cannot write (a file-system root, a path inside a file, a read-only folder) is refused with a
 * clear reason instead of failing after the work is done.
 *
 * <p>Each check returns the problem in a few words, to be shown after the path as the user wrote it, or empty.
 */
public final class OutputTarget {
  private OutputTarget() {}

  /** What a path holds, as magflow's commands tell it apart. */
  public enum Kind {
    MISSING, FILE, EMPTY_FOLDER, RUN_FOLDER, SWEEP_FOLDER, UNFINISHED_SWEEP, STUDY_FOLDER, OTHER_FOLDER;

    /** The kind of {@code path}; links are followed, as the commands follow them. */
    public static Kind of(Path path) {
      if (!Files.exists(path)) return MISSING;
      if (!Files.isDirectory(path)) return FILE;
      if (SweepData.isSweepFolder(path)) return SWEEP_FOLDER;
      if (SweepData.isUnfinishedSweep(path)) return UNFINISHED_SWEEP;
      if (Files.isRegularFile(path.resolve(RunJson.FILE_NAME))) return RUN_FOLDER;
      if (Files.isRegularFile(path.resolve(STUDY_JSON))) return STUDY_FOLDER;
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        return entries.iterator().hasNext() ? OTHER_FOLDER : EMPTY_FOLDER;
      } catch (IOException e) {
        return OTHER_FOLDER; // unreadable: treated as holding something of the user's
      }
    }

    /** Whether {@code magflow chart} and {@code report} read it as a sweep (finished or not) rather than a run. */
    public boolean isSweep() {
      return this == SWEEP_FOLDER || this == UNFINISHED_SWEEP;
    }
  }

  /** The file that marks a folder written by a backtest, a calibration or an optimisation. */
  public static final String STUDY_JSON = "study.json";

  /** How the briefings magflow writes begin, within their first kilobyte. */
  private static final String REPORT_SIGNATURE = "<meta name=\"generator\" content=\"magflow ";

  /**
   * Why a result folder of kind {@code replaces} ({@link Kind#RUN_FOLDER} or {@link Kind#SWEEP_FOLDER}) must not
   * replace {@code dir} whole. It may replace a missing or empty folder, or an earlier result of its own kind.
   */
  public static Optional<String> replaceFolder(Path dir, Kind replaces) {
    Optional<String> where = place(dir);
    if (where.isPresent()) return where;
    if (dir.toAbsolutePath().normalize().getFileName().toString().startsWith(".")) {
      return Optional.of("a result folder's name must not start with '.' (such names are kept for temporary"
          + " folders)");
    }
    String writer = switch (replaces) {
      case SWEEP_FOLDER -> "sweep";
      case STUDY_FOLDER -> "backtest, calibration or optimisation";
      default -> "run";
    };
    String replacing = "; a " + writer + " replaces the whole folder, so choose a new or empty folder, or one an"
        + " earlier " + writer + " wrote";
    Kind kind = Kind.of(dir);
    if (kind == Kind.MISSING || kind == Kind.EMPTY_FOLDER || kind == replaces) return Optional.empty();
    return Optional.of(switch (kind) {
      case FILE -> "exists and is not a folder; choose another output path";
      case RUN_FOLDER -> "is a run's result folder (it has " + RunJson.FILE_NAME + ")" + replacing;
      case SWEEP_FOLDER -> "is a sweep's result folder (it has " + SweepData.SWEEP_JSON + ")" + replacing;
      case UNFINISHED_SWEEP -> "holds an unfinished sweep's journal" + replacing;
      case STUDY_FOLDER -> "is the result folder of a backtest, calibration or optimisation (it has " + STUDY_JSON
          + ")" + replacing;
      default -> replaces == Kind.SWEEP_FOLDER
          ? "exists and is not a magflow sweep folder (it has no " + SweepData.SWEEP_JSON + ")" + replacing
          : replaces == Kind.STUDY_FOLDER
          ? "exists and is not a folder magflow wrote (it has no " + STUDY_JSON + ")" + replacing
          : "exists and is not a magflow result folder (it has no " + RunJson.FILE_NAME + ")" + replacing;
    });
  }

  /**
   * Why a run of {@code scenarioFile} with {@code overrides} must not replace the earlier run's folder
   * {@code dir}: it was written from another scenario file, or with other {@code --set} changes, and replacing
   * it would lose that result. Empty when {@code dir} is not a run's folder, or holds a run of the same file
   * with the same changes (which a rerun replaces as before). A run.json that cannot be read counts as another's.
   */
  public static Optional<String> replaceOtherRun(Path dir, Path scenarioFile, List<String> overrides) {
    if (Kind.of(dir) != Kind.RUN_FOLDER) return Optional.empty();
    RunInfo earlier;
    try {
      earlier = RunJson.read(dir.resolve(RunJson.FILE_NAME));
    } catch (IOException | RuntimeException e) {
      return Optional.of("holds a run whose " + RunJson.FILE_NAME + " cannot be read; give --force to replace it,"
          + " or choose another folder with -o DIR or --name NAME");
    }
    // the absolute path where run.json has it: the path as typed is relative to where that run started
    boolean sameFile = samePath(Path.of(earlier.scenarioPath().isEmpty() ? earlier.scenarioFile()
        : earlier.scenarioPath()), scenarioFile);
    if (sameFile && earlier.overrides().equals(overrides)) return Optional.empty();
    String what = sameFile ? "with " + (earlier.overrides().isEmpty() ? "no --set changes"
        : "--set " + String.join(" ", earlier.overrides()))
        : "from another scenario file, " + earlier.scenarioFile()
            + (earlier.overrides().isEmpty() ? "" : " with --set " + String.join(" ", earlier.overrides()));
    return Optional.of("holds the results of a run " + what + "; this run would replace them. Give --force to"
        + " replace them, or keep them and choose another folder with --name NAME or -o DIR");
  }

  private static boolean samePath(Path a, Path b) {
    return identity(a).equals(identity(b));
  }

  private static Path identity(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize(); // gone since: compared as written
    }
  }

  /** Why files (charts) must not be added to the folder {@code dir}, created if missing; files of theirs replaced. */
  public static Optional<String> addToFolder(Path dir) {
    Optional<String> where = place(dir);
    if (where.isPresent()) return where;
    return Files.exists(dir) && !Files.isDirectory(dir)
        ? Optional.of("exists and is not a folder; choose a folder for the charts") : Optional.empty();
  }

  /** Why {@code file} must not be replaced by a briefing: only a new file or an earlier briefing may be. */
  public static Optional<String> replaceReport(Path file) {
    Optional<String> where = place(file);
    if (where.isPresent()) return where;
    if (Files.isDirectory(file)) {
      return Optional.of("is a folder; give the briefing's file name, e.g. " + file.resolve("report.html"));
    }
    if (Files.exists(file) && !isReport(file)) {
      return Optional.of("exists and is not a briefing magflow wrote; choose a new file name (magflow replaces"
          + " only its own briefings)");
    }
    return Optional.empty();
  }

  /** The path as a message shows it: an empty path would otherwise show as nothing at all. */
  public static String shown(Path path) {
    return path.toString().isEmpty() ? "''" : path.toString();
  }

  /** What every target must be: named, not a root, not inside a file, and somewhere magflow may write. */
  private static Optional<String> place(Path path) {
    if (path.toString().isEmpty()) return Optional.of("the output path is empty; give a path");
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.getFileName() == null) return Optional.of("is a file-system root; choose a folder for the results");
    if (Files.exists(absolute) && isReadOnly(absolute)) {
      return Optional.of("is read-only; magflow does not write over what is marked read-only");
    }
    Path existing = absolute.getParent();
    while (!Files.exists(existing)) existing = existing.getParent(); // a root always exists
    if (!Files.isDirectory(existing)) return Optional.of("is inside " + existing + ", which is a file, not a folder");
    if (isReadOnly(existing)) return Optional.of("cannot be written: " + existing + " is read-only");
    return Optional.empty();
  }

  /**
   * Whether magflow may not write in {@code path}: the user cannot, or it is marked read-only for everyone. The
   * second holds for the superuser too, who could write anyway: the mark says the user wants it left alone.
   */
  private static boolean isReadOnly(Path path) {
    if (!Files.isWritable(path)) return true;
    PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (posix == null) return false;
    try {
      Set<PosixFilePermission> p = posix.readAttributes().permissions();
      return !p.contains(PosixFilePermission.OWNER_WRITE) && !p.contains(PosixFilePermission.GROUP_WRITE)
          && !p.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException e) {
      return false; // writable by the first test; the write itself reports any failure
    }
  }

  private static boolean isReport(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(1024), StandardCharsets.UTF_8).contains(REPORT_SIGNATURE);
    } catch (IOException e) {
      return false;
    }
  }
}
