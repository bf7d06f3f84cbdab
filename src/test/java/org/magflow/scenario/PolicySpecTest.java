package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.magflow.random.RandomStreams;

/** Keeps the policy registry whole: every family is registered once, and each one's handlers work. */
class PolicySpecTest {
  /** A family that is written but not registered could not be read from any file. */
  @Test
  void everyPolicySpecInMain_isRegistered() {
    Set<String> implemented = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.magflow").stream()
        .filter(c -> c.isAssignableTo(PolicySpec.class) && !c.getName().equals(PolicySpec.class.getName()))
        .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> registered = PolicyFamilies.SHIPPED.families().stream().map(f -> f.spec().getName())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(implemented, registered);
    assertFalse(registered.isEmpty());
  }

  @Test
  void aNameOrRecordRegisteredTwice_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> PolicyFamilies.SHIPPED.with("tariff", QuotaSpec.class));
    assertThrows(IllegalArgumentException.class, () -> PolicyFamilies.SHIPPED.with("tariff-2", TariffSpec.class));
  }

  @Test
  void errorMessages_listTheRegisteredNames() {
    assertEquals(PolicyFamilies.SHIPPED.names(), PolicyTypes.names());
    assertEquals("unknown policy type 'x'; expected one of: " + String.join(", ", PolicyFamilies.SHIPPED.names()),
        SpecBinder.policyTypeMessage("x"));
  }

  /** Validation must survive any incomplete record; defaults and compiling must work on a valid one. */
  @Test
  void everyFamily_validatesAnEmptyRecord_andDefaultsAndCompilesAValidOne() throws ReflectiveOperationException {
    ScenarioSpec reference = new ScenarioLoader().load(ReferenceScenarioTest.REFERENCE).scenario();
    for (PolicyFamilies.Family family : PolicyFamilies.SHIPPED.families()) {
      Class<? extends PolicySpec> type = family.spec();
      RecordComponent[] components = type.getRecordComponents();
      Constructor<? extends PolicySpec> canonical = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      PolicySpec empty = canonical.newInstance(new Object[components.length]);
      List<Problem> problems = ScenarioValidator.validate(reference.withPolicies(List.of(empty)), "f");
      assertFalse(problems.isEmpty(), family.type() + ": an empty policy passed validation");
      PolicySpec valid = reference.policies().stream().filter(type::isInstance).findFirst().orElseThrow(
          () -> new AssertionError(family.type() + " is not in " + ReferenceScenarioTest.REFERENCE));
      assertEquals(valid, valid.withDefaults(), family.type() + ": defaults applied twice change the policy");
    }
    assertDoesNotThrow(() -> new ModelBuilder().build(reference, new RandomStreams(1, 0))); // compiles every family
  }
}
