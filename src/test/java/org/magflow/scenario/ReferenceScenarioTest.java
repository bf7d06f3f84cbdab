package org.magflow.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.magflow.run.ScenarioRun;

/**
 * Keeps {@code scenarios/reference.yaml} honest: it must load, set every field of the format somewhere, name
 * every field in its text, and run.
 *
 * <p>The field walk is by reflection over {@link ScenarioSpec}, so a field added to the format fails this test
 * until the reference file sets and explains it.
 */
class ReferenceScenarioTest {
  static final Path REFERENCE = Path.of("scenarios/reference.yaml");

  @Test
  void reference_loadsWithoutProblems() {
    LoadResult loaded = new ScenarioLoader().load(REFERENCE);
    assertEquals(List.of(), loaded.problems());
  }

  @Test
  void reference_setsEveryFieldOfTheFormat() throws ReflectiveOperationException {
    ScenarioSpec spec = loadReference();
    Set<String> fields = new TreeSet<>();
    Set<String> set = new TreeSet<>();
    walk(ScenarioSpec.class, List.of(spec), "", fields, set, new LinkedHashSet<>());
    Set<String> missing = new TreeSet<>(fields);
    missing.removeAll(set);
    assertTrue(fields.size() > 50, "the walk found only " + fields.size() + " fields: " + fields);
    assertTrue(missing.isEmpty(), REFERENCE + " does not set these fields of the scenario format (set and explain"
        + " each one there): " + String.join(", ", missing));
  }

  @Test
  void reference_explainsEveryField() throws IOException {
    String text = Files.readString(REFERENCE);
    Set<String> names = new TreeSet<>();
    fieldNames(ScenarioSpec.class, names, new LinkedHashSet<>());
    List<String> absent = new ArrayList<>();
    for (String name : names) {
      if (!Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + ":").matcher(text).find()) absent.add(name);
    }
    assertTrue(absent.isEmpty(), REFERENCE + " never writes these fields as 'name:': " + absent);
  }

  @Test
  void reference_runsAndConservesMaterial() {
    ScenarioSpec spec = loadReference();
    ScenarioRun.Outcome outcome = new ScenarioRun().execute(spec, REFERENCE.toString(), 1L, 0);
    assertTrue(outcome.summary().conserved(), "material not conserved: " + outcome.summary().conservation());
    assertNotNull(outcome.counterfactual(), "the reference has a policy, so it has a no-policy counterfactual");
  }

  private static ScenarioSpec loadReference() {
    LoadResult loaded = new ScenarioLoader().load(REFERENCE);
    assertEquals(List.of(), loaded.problems());
    return loaded.scenario();
  }

  /**
   * Records in {@code fields} the path of every field below {@code type}, and in {@code set} those that are
   * present in at least one of {@code values} (for lists and maps: present and not empty).
   *
   * @param values every value found at {@code path}, none of them null
   * @param open the record types being walked, which guards against a format that nests itself
   */
  private static void walk(Type type, List<?> values, String path, Set<String> fields, Set<String> set,
                           Set<Class<?>> open) throws ReflectiveOperationException {
    Class<?> raw = rawClass(type);
    if (List.class.isAssignableFrom(raw)) {
      List<Object> elements = new ArrayList<>();
      for (Object v : values) elements.addAll(((Collection<?>) v).stream().filter(e -> e != null).toList());
      walk(typeArgument(type, 0), elements, path + "[]", fields, set, open);
    } else if (Map.class.isAssignableFrom(raw)) {
      List<Object> entries = new ArrayList<>();
      for (Object v : values) entries.addAll(((Map<?, ?>) v).values().stream().filter(e -> e != null).toList());
      walk(typeArgument(type, 1), entries, path + ".*", fields, set, open);
    } else if (raw == PolicySpec.class) {
      for (PolicyFamilies.Family family : PolicyFamilies.SHIPPED.families()) {
        Class<?> subtype = family.spec();
        List<Object> ofSubtype = values.stream().filter(subtype::isInstance).map(v -> (Object) v).toList();
        walk(subtype, ofSubtype, path + "(" + family.type() + ")", fields, set, open);
      }
    } else if (raw.isRecord() && open.add(raw)) {
      for (RecordComponent component : raw.getRecordComponents()) {
        String field = (path.isEmpty() ? "" : path + ".") + fileName(component);
        fields.add(field);
        List<Object> children = new ArrayList<>();
        for (Object v : values) {
          Object child = component.getAccessor().invoke(v);
          if (child != null) children.add(child);
        }
        if (children.stream().anyMatch(ReferenceScenarioTest::isSet)) set.add(field);
        walk(component.getGenericType(), children, field, fields, set, open);
      }
      open.remove(raw);
    }
  }

  /** Every field name written in files below {@code type}, with the type property of policy families. */
  private static void fieldNames(Type type, Set<String> names, Set<Class<?>> open) {
    Class<?> raw = rawClass(type);
    if (List.class.isAssignableFrom(raw)) {
      fieldNames(typeArgument(type, 0), names, open);
    } else if (Map.class.isAssignableFrom(raw)) {
      fieldNames(typeArgument(type, 1), names, open);
    } else if (raw == PolicySpec.class) {
      names.add(raw.getAnnotation(JsonTypeInfo.class).property());
      for (PolicyFamilies.Family family : PolicyFamilies.SHIPPED.families()) fieldNames(family.spec(), names, open);
    } else if (raw.isRecord() && open.add(raw)) {
      for (RecordComponent component : raw.getRecordComponents()) {
        names.add(fileName(component));
        fieldNames(component.getGenericType(), names, open);
      }
      open.remove(raw);
    }
  }

  private static boolean isSet(Object value) {
    if (value instanceof Collection<?> c) return !c.isEmpty();
    if (value instanceof Map<?, ?> m) return !m.isEmpty();
    return true;
  }

  /** The name a field has in files: its {@code @JsonProperty} name if it has one ({@code default}). */
  private static String fileName(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : component.getName();
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    throw new IllegalArgumentException("unexpected type in the scenario format: " + type);
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p) return p.getActualTypeArguments()[index];
    throw new IllegalArgumentException("a raw collection type in the scenario format: " + type);
  }
}
