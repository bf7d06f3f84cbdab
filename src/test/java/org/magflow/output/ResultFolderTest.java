package org.magflow.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFolderTest {
  /** A process id no live process has: above Linux's and macOS's largest pid. */
  private static final long DEAD_PID = 999_999_999L;

  @TempDir Path parent;

  private Path target() {
    return parent.resolve("results");
  }

  private void writeOldResult() throws IOException {
    Files.createDirectories(target().resolve("rep-0"));
    Files.writeString(target().resolve("summary.json"), "old summary\n");
    Files.writeString(target().resolve("rep-0/timeseries.csv"), "old rows\n");
  }

  private List<String> hiddenSiblings() throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
    }
  }

  @Test void replace_noPreviousResult_createsTheDirectoryWithWhatWasWritten() throws IOException {
    ResultFolder.replace(parent.resolve("a/b/results"), dir -> Files.writeString(dir.resolve("x.txt"), "x"));
    assertEquals("x", Files.readString(parent.resolve("a/b/results/x.txt")));
  }

  @Test void replace_keepsTheOldResultUntilTheNewOneIsComplete() throws IOException {
    writeOldResult();
    ResultFolder.replace(target(), dir -> {
      assertEquals("old summary\n", Files.readString(target().resolve("summary.json")));
      Files.writeString(dir.resolve("summary.json"), "new summary\n");
      assertEquals("old summary\n", Files.readString(target().resolve("summary.json")));
    });
    assertEquals("new summary\n", Files.readString(target().resolve("summary.json")));
    assertFalse(Files.exists(target().resolve("rep-0")), "nothing of the old result is left");
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test void replace_failingWriter_leavesTheOldResultByteIdenticalAndNoTempDirectory() throws IOException {
    writeOldResult();
    byte[] summary = Files.readAllBytes(target().resolve("summary.json"));
    byte[] rows = Files.readAllBytes(target().resolve("rep-0/timeseries.csv"));
    var failure = new IOException("disk full");
    IOException thrown = assertThrows(IOException.class, () -> ResultFolder.replace(target(), dir -> {
      Files.writeString(dir.resolve("summary.json"), "half");
      throw failure;
    }));
    assertSame(failure, thrown);
    assertArrayEquals(summary, Files.readAllBytes(target().resolve("summary.json")));
    assertArrayEquals(rows, Files.readAllBytes(target().resolve("rep-0/timeseries.csv")));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test void replace_writerThrowingUnchecked_alsoLeavesNoTrace() throws IOException {
    writeOldResult();
    assertThrows(IllegalStateException.class, () -> ResultFolder.replace(target(), dir -> {
      throw new IllegalStateException("bug");
    }));
    assertEquals("old summary\n", Files.readString(target().resolve("summary.json")));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test void replace_afterACrashBetweenTheRenames_restoresThePreviousResultFirst() throws IOException {
    assumeTrue(ProcessHandle.of(DEAD_PID).isEmpty());
    Path backup = parent.resolve(".results.old-" + DEAD_PID + "-123");
    Files.createDirectories(backup);
    Files.writeString(backup.resolve("summary.json"), "previous\n");
    // The new write fails, so what is left must be the recovered previous result.
    assertThrows(IOException.class, () -> ResultFolder.replace(target(), dir -> {
      throw new IOException("fails");
    }));
    assertEquals("previous\n", Files.readString(target().resolve("summary.json")));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test void replace_leftoversOfADeadProcess_areRemoved() throws IOException {
    assumeTrue(ProcessHandle.of(DEAD_PID).isEmpty());
    writeOldResult();
    Files.createDirectories(parent.resolve(".results.tmp-" + DEAD_PID + "-1/rep-0"));
    Files.createDirectories(parent.resolve(".results.old-" + DEAD_PID + "-2"));
    ResultFolder.replace(target(), dir -> Files.writeString(dir.resolve("summary.json"), "new\n"));
    assertEquals("new\n", Files.readString(target().resolve("summary.json")));
    assertEquals(List.of(), hiddenSiblings());
  }

  @Test void replace_otherHiddenDirectories_areLeftAlone() throws IOException {
    Files.createDirectories(parent.resolve(".results.old-by-hand"));
    Files.createDirectories(parent.resolve(".git"));
    ResultFolder.replace(target(), dir -> Files.writeString(dir.resolve("x"), "x"));
    assertEquals(List.of(".git", ".results.old-by-hand"), hiddenSiblings());
  }

  @Test void replace_targetIsARegularFile_isRefusedAndTheFileKept() throws IOException {
    Files.writeString(target(), "my notes");
    var e = assertThrows(IllegalArgumentException.class, () -> ResultFolder.replace(target(), dir -> {}));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    assertEquals("my notes", Files.readString(target()));
  }

  @Test void replace_targetNameStartingWithADot_isRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ResultFolder.replace(parent.resolve(".results"), dir -> {}));
    assertTrue(e.getMessage().contains("must not start with '.'"), e.getMessage());
  }

  @Test void resolveInside_plainName_isAChildOfRoot() {
    assertEquals(parent.resolve("rep-0"), ResultFolder.resolveInside(parent, "rep-0"));
    assertEquals(Path.of("rep-0"), ResultFolder.resolveInside(Path.of(""), "rep-0"));
  }

  @Test void resolveInside_namesThatCouldEscapeRoot_areRefused() {
    for (String name : List.of("", ".", "..", "../x", "a/b", "a\\b", "/etc", "rep-0/..")) {
      var e = assertThrows(IllegalArgumentException.class, () -> ResultFolder.resolveInside(parent, name), name);
      assertTrue(e.getMessage().contains("not a plain file name"), e.getMessage());
    }
  }
}
