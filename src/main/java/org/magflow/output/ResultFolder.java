package org.magflow.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Crash-safe replacement of a result directory: readers see either the whole previous result or the whole new
 * one, never a half-written mix, and a failed or interrupted run never destroys the previous result.
 *
 * <p>How: everything is written into a fresh sibling {@code .<name>.tmp-<pid>-<nanoTime>} (same parent, so
 * every move is a rename on one file system) and flushed to disk. Then the old result is renamed to
 * {@code .<name>.old-<pid>-<nanoTime>}, the new one renamed into place and the old one deleted. If the
 * process dies between those two renames, the next {@link #replace} of the same target finds the target
 * missing and the backup present, and puts the backup back before it starts. Leftovers whose process is still
 * alive are left alone, as they belong to a replacement in progress; still, only one writer per target at a
 * time is supported.
 */
public final class ResultFolder {
  /** Writes files into a directory. */
  @FunctionalInterface
  public interface IoAction {
    void write(Path dir) throws IOException;
  }

  private static final String TEMP = "tmp";
  private static final String BACKUP = "old";

  private ResultFolder() {}

  /**
   * Replaces the directory {@code target} (creating it and its parents if needed) with what {@code writeInto}
   * writes. If {@code writeInto} or the swap fails, the exception propagates, the temporary directory is
   * deleted and the previous result is left as it was.
   *
   * @throws IllegalArgumentException if {@code target} exists and is not a directory, is a file-system root,
   *     or its name starts with '.', which is reserved for this class's temporary and backup directories
   */
  public static void replace(Path target, IoAction writeInto) throws IOException {
    Objects.requireNonNull(writeInto, "writeInto");
    Path absolute = target.toAbsolutePath().normalize();
    if (absolute.getFileName() == null) {
      throw new IllegalArgumentException("cannot use a file-system root as a result directory: " + target);
    }
    String name = absolute.getFileName().toString();
    if (name.startsWith(".")) {
      throw new IllegalArgumentException("a result directory's name must not start with '.' (such names are "
          + "reserved for temporary and backup directories): " + target);
    }
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(target + " exists and is not a directory; refusing to replace it with "
          + "a result directory. Remove it or choose another output path.");
    }
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    recover(parent, name, absolute);

    String suffix = ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path temp = parent.resolve(sibling(name, TEMP, suffix));
    Interruption interruption = new Interruption(parent, name, temp);
    Thread hook = new Thread(interruption, "magflow-result-folder-cleanup");
    try {
      Runtime.getRuntime().addShutdownHook(hook); // before the temporary directory exists: no window without it
    } catch (IllegalStateException shuttingDown) {
      throw new IOException("interrupted; nothing written to " + target, shuttingDown);
    }
    try {
      synchronized (interruption) {
        if (interruption.interrupted) throw new IOException("interrupted; nothing written to " + target);
        Files.createDirectory(temp);
      }
      try {
        writeInto.write(temp);
        syncTree(temp);
      } catch (Throwable t) { // Errors too: the temporary directory must not outlive a failed write
        deleteAfterFailure(temp, t);
        throw t;
      }
      synchronized (interruption) { // a shutdown waits for the swap rather than cutting it in two
        if (interruption.interrupted) throw new IOException("interrupted; nothing written to " + target);
        swap(temp, absolute, parent.resolve(sibling(name, BACKUP, suffix)));
        interruption.swapped = true;
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run; it leaves the folder in a consistent state
      }
    }
  }

  /**
   * What an interrupted replacement (Ctrl-C, SIGTERM) does as the JVM shuts down: unless the new result has been
   * swapped in, it removes the temporary directory, so an interrupted run leaves no partial output and the
   * previous result as it was. A swap under way is finished first; a temporary directory not yet created never
   * will be. The writer may still be adding files, so the directory is first renamed out of its way (to another
   * temporary name, which the next {@link #replace} also cleans up should this hook not finish). SIGKILL runs no
   * hook: then the next {@link #replace} of the same target cleans up.
   */
  private static final class Interruption implements Runnable {
    private final Path parent;
    private final String name;
    private final Path temp;
    boolean interrupted;
    boolean swapped;

    Interruption(Path parent, String name, Path temp) {
      this.parent = parent;
      this.name = name;
      this.temp = temp;
    }

    @Override
    public synchronized void run() {
      if (swapped) return;
      interrupted = true;
      if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) return;
      Path doomed = parent.resolve(sibling(name, TEMP, ProcessHandle.current().pid() + "-" + System.nanoTime()));
      try {
        Files.move(temp, doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(doomed);
      } catch (IOException e) {
        // left for the next replace() of this target, which removes temporary directories of dead processes
      }
    }
  }

  /**
   * The path of the entry {@code name} directly inside {@code root}.
   *
   * @throws IllegalArgumentException if {@code name} is empty, {@code .} or {@code ..}, absolute, or contains
   *     a path separator: anything that could point outside {@code root}
   */
  public static Path resolveInside(Path root, String name) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(name, "name");
    String problem = "'" + name + "' is not a plain file name inside " + root
        + ": it must not be empty, '.' or '..', absolute, or contain '/' or '\\'";
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
        || name.contains(root.getFileSystem().getSeparator())) {
      throw new IllegalArgumentException(problem);
    }
    Path candidate;
    try {
      candidate = root.getFileSystem().getPath(name);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(problem, e);
    }
    // getRoot() catches drive-relative names such as "C:x" on Windows, which are not absolute yet leave root.
    if (candidate.isAbsolute() || candidate.getRoot() != null || candidate.getNameCount() != 1) {
      throw new IllegalArgumentException(problem);
    }
    Path resolved = root.resolve(candidate);
    Path base = root.toAbsolutePath().normalize();
    if (!base.equals(resolved.toAbsolutePath().normalize().getParent())) {
      throw new IllegalArgumentException(problem);
    }
    return resolved;
  }

  private static String sibling(String name, String kind, String suffix) {
    return "." + name + "." + kind + "-" + suffix;
  }

  /** The sibling directories an earlier replacement of {@code name} left, of one kind, sorted by name. */
  private static List<Path> leftovers(Path parent, String name, String kind) throws IOException {
    Pattern pattern = Pattern.compile(Pattern.quote("." + name + "." + kind + "-") + "(\\d+)-(-?\\d+)");
    var found = new ArrayList<Path>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        Matcher m = pattern.matcher(entry.getFileName().toString());
        if (m.matches() && !ownerAlive(m.group(1))) found.add(entry);
      }
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }

  /** Whether the process that made a leftover may still be working on it (this process counts as alive). */
  private static boolean ownerAlive(String pidText) {
    long pid;
    try {
      pid = Long.parseLong(pidText);
    } catch (NumberFormatException e) {
      return false;
    }
    return pid == ProcessHandle.current().pid()
        || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Undoes what a replacement that died part-way through left behind. */
  private static void recover(Path parent, String name, Path target) throws IOException {
    List<Path> backups = leftovers(parent, name, BACKUP);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !backups.isEmpty()) {
      // The process died between renaming the old result away and the new one into place: the backup is the
      // current result. Only one can exist unless writers overlapped; then take the most recently modified.
      Path latest = backups.get(0);
      for (Path b : backups) {
        if (Files.getLastModifiedTime(b).compareTo(Files.getLastModifiedTime(latest)) > 0) latest = b;
      }
      Files.move(latest, target, StandardCopyOption.ATOMIC_MOVE);
      backups.remove(latest);
    }
    // Any other backup belongs to a replacement that completed its swap but died before deleting it.
    for (Path b : backups) deleteRecursively(b);
    for (Path t : leftovers(parent, name, TEMP)) deleteRecursively(t);
  }

  private static void swap(Path temp, Path target, Path backup) throws IOException {
    boolean hadResult = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    try {
      if (hadResult) Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
    } catch (Throwable t) {
      deleteAfterFailure(temp, t);
      throw t;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (Throwable t) {
      if (hadResult) {
        try {
          Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          t.addSuppressed(e); // the next replace() restores it from the backup
        }
      }
      deleteAfterFailure(temp, t);
      throw t;
    }
    syncDirectory(target.getParent()); // make both renames durable
    if (hadResult) {
      try {
        deleteRecursively(backup);
      } catch (IOException e) {
        // The new result is in place and complete; a backup that could not be deleted is removed by the
        // next replace() of this target, so this is no reason to report the run as failed.
      }
    }
  }

  /** Flushes every file (and, where the platform allows, every directory) under {@code dir} to disk. */
  private static void syncTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          // WRITE, not READ: Windows flushes only handles opened for writing. WRITE does not truncate.
          try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          syncDirectory(p);
        }
      }
    }
  }

  /** Flushes a directory's entries to disk where the platform allows it (POSIX does, Windows does not). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported here (e.g. Windows cannot open a directory); the renames are still atomic.
    }
  }

  private static void deleteAfterFailure(Path dir, Throwable failure) {
    try {
      deleteRecursively(dir);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Deletes {@code dir} and everything in it, without following links; a missing entry is no error. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
        throw e;
      }

      @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) throw e;
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
