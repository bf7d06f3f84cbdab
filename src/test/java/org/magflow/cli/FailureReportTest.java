package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** What a command that threw tells the user: the disk, an interruption and a bug are told apart. */
class FailureReportTest {
  private static String told(Exception ex, boolean shuttingDown) {
    StringWriter text = new StringWriter();
    int code = MagflowCli.failed(ex, new PrintWriter(text, true), false, () -> shuttingDown);
    assertEquals(MagflowCli.INTERNAL_ERROR, code);
    return text.toString().replace("\r\n", "\n");
  }

  @Test
  void aFailureWhileTheJvmShutsDown_isTheInterruption_notABugToReport() {
    // SIGTERM part-way through writing: the shutdown hook removes the temporary folder under the writer's feet
    String err = told(new IOException("interrupted; nothing written to results/x"), true);
    assertEquals("magflow: interrupted; earlier results are kept as they were.\n", err);
    String bug = told(new IllegalStateException("a chart's series vanished"), true);
    assertFalse(bug.contains("internal error") || bug.contains("please report"), bug);
  }

  @Test
  void theDisk_isBlamedOnlyForTheDisksFailures() {
    assertEquals("magflow: cannot read or write a file: java.nio.file.AccessDeniedException: /x\nNothing was written."
        + " Run again with --debug for the stack trace.\n", told(new AccessDeniedException("/x"), false));
    // Jackson's exceptions are IOExceptions too; a number it cannot write is magflow's fault, not the disk's
    String json = told(new JsonMappingException(null, "an output number must be finite, was Infinity"), false);
    assertEquals("magflow: internal error: com.fasterxml.jackson.databind.JsonMappingException: an output number"
        + " must be finite, was Infinity\nRun again with --debug for the stack trace, and please report it.\n", json);
  }
}
