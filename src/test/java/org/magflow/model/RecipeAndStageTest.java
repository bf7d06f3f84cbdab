package org.magflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecipeAndStageTest {

  @Test
  void recipe_readsInputsAndOutputsByCommodityIndex() {
    // a magnet plant: 0.3 t oxide + 0.02 t heavy oxide → 1 t magnet (commodities: oxide, heavy, magnet)
    Recipe r = new Recipe("magnet-plant", Stage.MANUFACTURING, new double[] {0.3, 0.02, 0}, new double[] {0, 0, 1});
    assertEquals("magnet-plant", r.id());
    assertSame(Stage.MANUFACTURING, r.stage());
    assertEquals(3, r.commodityCount());
    assertEquals(0.3, r.input(0));
    assertEquals(0.02, r.input(1));
    assertEquals(0, r.input(2));
    assertEquals(1, r.output(2));
    assertEquals(0, r.output(0));
  }

  @Test
  void recipe_copiesItsArrays() {
    double[] in = {1, 0};
    double[] out = {0, 0.2};
    Recipe r = new Recipe("refinery", Stage.SEPARATION, in, out);
    in[0] = 9;
    out[1] = 9;
    assertEquals(1, r.input(0));
    assertEquals(0.2, r.output(1));
  }

  @Test
  void recipe_withOutputs_keepsIdStageAndInputs() {
    Recipe r = new Recipe("refinery", Stage.SEPARATION, new double[] {1, 0, 0}, new double[] {0, 0.2, 0.005});
    Recipe heavyRich = r.withOutputs(new double[] {0, 0.18, 0.03});
    assertEquals("refinery", heavyRich.id());
    assertSame(Stage.SEPARATION, heavyRich.stage());
    assertEquals(1, heavyRich.input(0));
    assertEquals(0.03, heavyRich.output(2));
    assertEquals(0.005, r.output(2)); // original untouched
  }

  @Test
  void recipe_rejectsMismatchedLengthsAndNulls() {
    assertThrows(IllegalArgumentException.class, () -> new Recipe("x", Stage.MINING, new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> new Recipe("x", Stage.MINING, new double[2], new double[2]).withOutputs(new double[3]));
    assertThrows(NullPointerException.class, () -> new Recipe(null, Stage.MINING, new double[1], new double[1]));
    assertThrows(NullPointerException.class, () -> new Recipe("x", null, new double[1], new double[1]));
  }

  @Test
  void recipe_toString_namesIdStageAndAmounts() {
    String s = new Recipe("mine", Stage.MINING, new double[] {0}, new double[] {1}).toString();
    assertTrue(s.contains("mine") && s.contains("MINING") && s.contains("1.0"), s);
  }

  @Test
  void stage_idsAreLowerCaseNames_inChainOrder() {
    assertEquals("mining", Stage.MINING.id());
    assertEquals("separation", Stage.SEPARATION.id());
    assertEquals("manufacturing", Stage.MANUFACTURING.id());
    assertEquals(0, Stage.MINING.ordinal());
    assertEquals(2, Stage.MANUFACTURING.ordinal());
  }

  @Test
  void stage_originLabels_areMinedSeparatedMade() {
    assertEquals("mined", Stage.MINING.originLabel());
    assertEquals("separated", Stage.SEPARATION.originLabel());
    assertEquals("made", Stage.MANUFACTURING.originLabel());
  }

  @Test
  void stage_fromId_roundTripsEveryStage() {
    for (Stage s : Stage.values()) assertSame(s, Stage.fromId(s.id()));
  }

  @Test
  void stage_fromId_unknownOrWrongCase_throws() {
    assertThrows(IllegalArgumentException.class, () -> Stage.fromId("Mining"));
    assertThrows(IllegalArgumentException.class, () -> Stage.fromId("MINING"));
    assertThrows(IllegalArgumentException.class, () -> Stage.fromId("refining"));
    assertThrows(IllegalArgumentException.class, () -> Stage.fromId(""));
  }
}
