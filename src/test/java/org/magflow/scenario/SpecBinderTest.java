package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binder serves any record type, so the next kinds of input file bind and report as scenarios do. */
class SpecBinderTest {
  /** Not a scenario: a record of the kind a calibration or backtest file might hold. */
  record Window(String name, int months) {}

  @Test
  void bindsAnotherRecordType_collectingEveryProblemAndTakingOutWhatFailed() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode tree = (ObjectNode) mapper.readTree("{\"name\": \"q3\", \"months\": \"six\", \"colour\": 1}");
    SpecBinder.Result<Window> bound = new SpecBinder<>(mapper, Window.class).bind(tree, "w.yaml");
    assertEquals(List.of("w.yaml: colour: unknown field 'colour'; expected one of: months, name",
        "w.yaml: months: expected an integer, found a string 'six'"),
        bound.problems().stream().map(Problem::toString).toList());
    assertEquals(new Window("q3", 0), bound.spec());
    assertEquals(List.of("months"), bound.removed());
  }
}
