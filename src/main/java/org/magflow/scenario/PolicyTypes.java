package org.magflow.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.List;

/** The policy {@code type} names a scenario file may use, read from {@link PolicySpec}'s annotation. */
final class PolicyTypes {
  private PolicyTypes() {}

  /** The registered type names, sorted. */
  static List<String> names() {
    return Arrays.stream(PolicySpec.class.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::name).sorted().toList();
  }

  /** The classes registered under a type name, in annotation order. */
  static List<Class<?>> classes() {
    return Arrays.stream(PolicySpec.class.getAnnotation(JsonSubTypes.class).value())
        .<Class<?>>map(JsonSubTypes.Type::value).toList();
  }
}
