package org.magflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README quotes what the shipped scenarios produce: every figure marked {@code <!-- fig:NAME -->text
 * <!-- /fig -->} in README.md is compared with {@link ReadmeFigures} computed from fresh runs. After a change
 * to the model, regenerate them and review the diff:
 *
 * <pre>./mvnw -B test -Dtest=ReadmeFiguresTest -Dmagflow.updateReadme=true</pre>
 */
class ReadmeFiguresTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern FIGURE = Pattern.compile("<!-- fig:([a-z0-9.-]+) -->(.*?)<!-- /fig -->", Pattern.DOTALL);

  @Test
  void everyMarkedFigure_isWhatAFreshRunGives() throws IOException {
    String readme = Files.readString(README);
    ReadmeFigures.Runs runs = new ReadmeFigures.Runs();
    Matcher m = FIGURE.matcher(readme);
    StringBuilder regenerated = new StringBuilder();
    List<String> differ = new ArrayList<>();
    Set<String> quoted = new LinkedHashSet<>();
    while (m.find()) {
      String name = m.group(1);
      assertTrue(ReadmeFigures.FIGURES.containsKey(name), "README.md marks an unknown figure '" + name + "'");
      String fresh = ReadmeFigures.FIGURES.get(name).apply(runs);
      quoted.add(name);
      if (!fresh.equals(m.group(2))) differ.add(name + ": README says '" + m.group(2) + "', a fresh run gives '" + fresh + "'");
      m.appendReplacement(regenerated, Matcher.quoteReplacement("<!-- fig:" + name + " -->" + fresh + "<!-- /fig -->"));
    }
    m.appendTail(regenerated);
    if (Boolean.getBoolean("magflow.updateReadme")) {
      Files.writeString(README, regenerated.toString());
      return;
    }
    assertEquals(List.of(), differ, "regenerate with -Dmagflow.updateReadme=true and review the diff");
    // every figure defined is quoted somewhere: none is computed for nothing, or left behind by an edit
    assertEquals(ReadmeFigures.FIGURES.keySet(), quoted);
  }
}
