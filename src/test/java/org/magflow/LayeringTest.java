package org.magflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of STYLE.md, held as tests: each package may use only the packages listed for it, so
 * the kernel knows nothing of trade and no output can reach into (or change) the model.
 */
class LayeringTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.magflow");
  }

  private static void onlyDependsOn(String pkg, String... allowed) {
    String[] all = new String[allowed.length + 2];
    all[0] = "java..";
    all[1] = "org.magflow." + pkg + "..";
    System.arraycopy(allowed, 0, all, 2, allowed.length);
    classes().that().resideInAPackage("org.magflow." + pkg + "..").should().onlyDependOnClassesThat()
        .resideInAnyPackage(all).check(main);
  }

  @Test
  void kernel_knowsNothingButTheJdk() {
    onlyDependsOn("kernel");
  }

  @Test
  void units_knowNothingButTheJdk() {
    onlyDependsOn("units");
  }

  @Test
  void random_usesOnlyCommonsMath() {
    onlyDependsOn("random", "org.apache.commons.math3..");
  }

  @Test
  void policy_usesOnlyUnits() {
    onlyDependsOn("policy", "org.magflow.units..");
  }

  @Test
  void event_usesOnlyUnits() {
    onlyDependsOn("event", "org.magflow.units..");
  }

  @Test
  void model_usesKernelUnitsRandomPolicyAndEvents() {
    onlyDependsOn("model", "org.magflow.kernel..", "org.magflow.units..", "org.magflow.random..",
        "org.magflow.policy..", "org.magflow.event..", "org.apache.commons.math3..");
  }

  /**
   * The model and the rules it applies see policies compiled (indices, simulation times), never a scenario
   * record: a {@code *Spec} reaching them would bring names and dates back into the run.
   */
  @Test
  void modelAndPolicy_knowNoScenarioSpecRecord() {
    noClasses().that().resideInAnyPackage("org.magflow.model..", "org.magflow.policy..").should()
        .dependOnClassesThat().haveSimpleNameEndingWith("Spec").check(main);
    noClasses().that().resideInAnyPackage("org.magflow.model..", "org.magflow.policy..").should()
        .dependOnClassesThat().resideInAPackage("org.magflow.scenario..").check(main);
  }

  @Test
  void output_seesEventsAndUnitsNeverTheModel() {
    // Charts: JFreeChart, Batik's SVG generator, and the JDK's image, XML and DOM APIs outside java.*.
    onlyDependsOn("output", "org.magflow.event..", "org.magflow.units..", "com.fasterxml.jackson..",
        "org.apache.commons.math3..", "org.jfree.chart..", "org.jfree.data..", "org.apache.batik.svggen..",
        "javax.imageio..", "javax.xml.parsers..", "org.w3c.dom..");
  }

  @Test
  void scenario_buildsTheModelButNeverRunsOrWrites() {
    onlyDependsOn("scenario", "org.magflow.model..", "org.magflow.policy..", "org.magflow.units..",
        "org.magflow.random..", "com.fasterxml.jackson..", "org.yaml.snakeyaml..");
  }

  @Test
  void run_composesScenarioModelAndOutput() {
    onlyDependsOn("run", "org.magflow.scenario..", "org.magflow.model..", "org.magflow.random..",
        "org.magflow.event..", "org.magflow.output..", "org.magflow.units..");
  }

  @Test
  void sweep_composesRunsOfScenariosAndTheirOutputs_neverTheModel() {
    classes().that().resideInAPackage("org.magflow.sweep..").and().resideOutsideOfPackage("org.magflow.sweep.spark..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.magflow.sweep..", "org.magflow.run..",
            "org.magflow.scenario..", "org.magflow.output..", "org.magflow.random..", "org.magflow.event..",
            "org.magflow.units..", "com.fasterxml.jackson..", "org.apache.commons.math3..", "org.yaml.snakeyaml..")
        .check(main);
  }

  /**
   * Spark is on the class path only when a sweep runs on it (a provided dependency, not in magflow.jar): only the
   * Spark backend names Spark or Scala, and it reaches the sweep only through its executor seam.
   */
  @Test
  void onlyTheSparkBackend_usesSparkOrScala() {
    noClasses().that().resideOutsideOfPackage("org.magflow.sweep.spark..").should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "scala..").check(main);
    classes().that().resideInAPackage("org.magflow.sweep.spark..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.magflow.sweep..", "org.apache.spark..", "scala..").check(main);
  }

  @Test
  void nothingButTheCli_dependsOnTheCli() {
    noClasses().that().resideOutsideOfPackage("org.magflow.cli..").should().dependOnClassesThat()
        .resideInAPackage("org.magflow.cli..").check(main);
  }
}
