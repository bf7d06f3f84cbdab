package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySpecTest {
  @Test
  void permittedSubclasses_equalTheJsonSubTypes() {
    Set<Class<?>> permitted = Set.of(PolicySpec.class.getPermittedSubclasses());
    Set<Class<?>> registered = new HashSet<>(PolicyTypes.classes());
    assertEquals(permitted, registered, "PolicySpec's permits list and its @JsonSubTypes differ");
    assertEquals(PolicyTypes.classes().size(), registered.size(), "a class registered twice");
  }

  @Test
  void typeNames_areUnique() {
    JsonSubTypes.Type[] types = PolicySpec.class.getAnnotation(JsonSubTypes.class).value();
    assertEquals(types.length, Arrays.stream(types).map(JsonSubTypes.Type::name).distinct().count());
  }

  /** A new policy type needs a branch in the validator and in the defaults; this finds a missing one. */
  @Test
  void everyPolicyType_isValidatedAndDefaulted() throws ReflectiveOperationException {
    ScenarioSpec tiny = ScenarioLoaderTest.tiny();
    for (Class<?> type : PolicySpec.class.getPermittedSubclasses()) {
      RecordComponent[] components = type.getRecordComponents();
      Constructor<?> canonical = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      PolicySpec empty = (PolicySpec) canonical.newInstance(new Object[components.length]);
      assertDoesNotThrow(() -> ScenarioValidator.validate(tiny.withPolicies(List.of(empty)), "f"), type.getName());
      PolicySpec valid = tiny.policies().stream().filter(type::isInstance).findFirst().orElse(null);
      if (valid != null) {
        assertDoesNotThrow(() -> ScenarioDefaults.apply(tiny.withPolicies(List.of(valid))), type.getName());
      }
    }
  }
}
