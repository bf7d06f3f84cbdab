package org.magflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magflow.output.RunInfo;
import org.magflow.output.RunJson;
import org.magflow.run.RunJob;
import org.magflow.sweep.ScenarioOverrides;

/**
 * run.json records the scenario path as typed, relative to where the run started; a briefing written from
 * another working directory still finds the file and the bases it extends, and tells the same story.
 */
class ReportFromAnotherDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aBriefingWrittenElsewhere_readsTheScenarioComments_likeOneWrittenWhereTheRunStarted() throws Exception {
    Path world = Files.createDirectories(tmp.resolve("world"));
    Files.writeString(world.resolve("base.yaml"), "# The base world's own note on its sources.\n\n"
        + Files.readString(Path.of("src/test/resources/scenarios/tiny.yaml")));
    Files.writeString(world.resolve("child.yaml"), """
        # What this file asks: does the child's question reach a briefing written elsewhere?
        extends: base.yaml
        name: child-run
        """);
    // typed relative to this JVM's working directory, the repository, as "magflow run ../../tmp/.../child.yaml"
    Path typed = Path.of("").toAbsolutePath().relativize(world.resolve("child.yaml"));
    assertFalse(typed.isAbsolute());
    Path result = tmp.resolve("result");
    new RunJob(ScenarioOverrides::apply).run(new RunJob.Request(typed, result, null, null, "magflow run test"));

    RunInfo info = RunJson.read(result.resolve(RunJson.FILE_NAME));
    assertEquals(typed.toString(), info.scenarioFile(), "run.json keeps the path as typed");
    assertEquals(world.resolve("child.yaml").toAbsolutePath().normalize().toString(), info.scenarioPath());

    // where the run started: the typed path resolves
    Path here = tmp.resolve("here.html");
    assertEquals(0, MagflowCli.commandLine().execute("report", result.toString(), "-o", here.toString()));
    // elsewhere, in a fresh JVM whose working directory the typed path does not resolve from
    // deeper than the typed path climbs, so that its ".."s cannot lead back to the file from there (from a checkout
    // under /tmp/a/b/c, "elsewhere/deeper" did)
    Path elsewhere = tmp.resolve("elsewhere");
    for (Path part : typed) if (part.toString().equals("..")) elsewhere = elsewhere.resolve("deeper");
    elsewhere = Files.createDirectories(elsewhere.resolve("deeper"));
    assertFalse(Files.exists(elsewhere.resolve(typed)));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), MagflowCli.class.getName(),
        "report", result.toString(), "-o", "there.html")
        .directory(elsewhere.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);

    String there = Files.readString(elsewhere.resolve("there.html"));
    for (String html : List.of(Files.readString(here), there)) {
      assertTrue(html.contains("does the child&#39;s question reach a briefing written elsewhere?")
          || html.contains("does the child's question reach a briefing written elsewhere?"), "the question");
      assertTrue(html.contains("The base world&#39;s own note") || html.contains("The base world's own note"),
          "the base's notes");
      assertFalse(html.contains("is not at hand"), "the scenario file is found");
    }
    assertEquals(section(Files.readString(here), "question"), section(there, "question"));
    assertEquals(section(Files.readString(here), "assumptions"), section(there, "assumptions"));
  }

  /** The briefing's section with this id, as HTML. */
  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, id);
    return html.substring(start, html.indexOf("</section>", start));
  }
}
