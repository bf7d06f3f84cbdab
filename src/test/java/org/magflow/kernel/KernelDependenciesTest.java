package org.magflow.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Checks that the kernel knows nothing of the model: its main classes use only java.* classes. */
class KernelDependenciesTest {

  @Test
  void kernel_dependsOnlyOnJavaClassesAndItself() {
    JavaClasses kernel =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.magflow.kernel");
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.magflow.kernel..")
        .check(kernel);
  }
}
