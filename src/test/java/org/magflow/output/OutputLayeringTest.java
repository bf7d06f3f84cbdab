package org.magflow.output;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class OutputLayeringTest {
  @Test void outputPackage_seesOnlyEventsUnitsAndLibraries_neverTheModel() {
    var outputClasses = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.magflow.output");
    classes().that().resideInAPackage("org.magflow.output..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
            "org.apache.commons.math3..", "org.magflow.event..", "org.magflow.units..", "org.magflow.output..")
        .check(outputClasses);
  }
}
