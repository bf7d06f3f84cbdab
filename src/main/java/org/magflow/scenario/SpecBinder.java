package org.magflow.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Binds a parsed tree to a record, such as a {@link ScenarioSpec}, collecting every unknown field and wrong type
 * instead of stopping at the first. Problems carry field paths; {@link LocationIndex} places them in the file.
 *
 * <p>Jackson stops at the first type error, so binding is repeated: each error is recorded, the offending
 * value is taken out of the tree, and the tree is bound again. Unknown fields are recorded and skipped by a
 * problem handler, so they never stop binding.
 */
public final class SpecBinder<T> {
  /** More type errors than this are not worth a rebind each: the file is probably not a scenario. */
  static final int MAX_TYPE_ERRORS = 100;

  /**
   * What binding found.
   *
   * @param spec the bound record, or null when binding could not finish
   * @param problems unknown fields and wrong types, without locations
   * @param removed paths of values taken out of the tree; the validator's view of them is not reported
   */
  public record Result<T>(T spec, List<Problem> problems, List<String> removed) {}

  private final ObjectMapper mapper;
  private final Class<T> type;

  /** A binder to {@code type} with {@code mapper}'s settings (how strictly values are coerced, say). */
  public SpecBinder(ObjectMapper mapper, Class<T> type) {
    this.mapper = mapper;
    this.type = type;
  }

  /** Binds {@code tree}, taking out each value that fails to bind; problems name {@code file}. */
  public Result<T> bind(ObjectNode tree, String file) {
    Map<String, Problem> unknownFields = new LinkedHashMap<>(); // by path: each rebind meets them again
    List<Problem> typeErrors = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    ObjectReader reader = mapper.readerFor(type)
        .withHandler(new UnknownFieldRecorder(file, unknownFields));
    T spec = null;
    while (true) {
      try {
        spec = reader.readValue(tree);
        break;
      } catch (JsonMappingException e) {
        List<JsonMappingException.Reference> at = e.getPath();
        String path = FieldPaths.of(at);
        JsonNode found = nodeAt(tree, at);
        if (e instanceof InvalidTypeIdException t) {
          typeErrors.add(new Problem(file, FieldPaths.field(path, "type"), 0, 0, policyTypeMessage(t.getTypeId())));
        } else {
          typeErrors.add(new Problem(file, path, 0, 0, typeMessage(e, found)));
        }
        if (at.isEmpty() || found == null || !remove(tree, at) || typeErrors.size() >= MAX_TYPE_ERRORS) {
          if (typeErrors.size() >= MAX_TYPE_ERRORS) {
            typeErrors.add(new Problem(file, "", 0, 0, "stopped after " + MAX_TYPE_ERRORS + " type errors"));
          }
          break;
        }
        removed.add(path);
      } catch (IOException e) {
        // A tree holds no syntax, so only a binding failure Jackson did not classify can land here.
        typeErrors.add(new Problem(file, "", 0, 0, "cannot read the file: " + e.getMessage()));
        break;
      }
    }
    List<Problem> problems = new ArrayList<>(unknownFields.values());
    problems.addAll(typeErrors);
    return new Result<>(spec, problems, removed);
  }

  static String policyTypeMessage(String typeId) {
    String expected = "expected one of: " + String.join(", ", PolicyTypes.names());
    return typeId == null || typeId.isEmpty()
        ? "missing policy type; " + expected
        : "unknown policy type '" + typeId + "'; " + expected;
  }

  /** What was expected and what was found, from the type Jackson wanted and the value in the tree. */
  static String typeMessage(JsonMappingException e, JsonNode found) {
    Class<?> target = targetType(e);
    if (target == LocalDate.class && found != null && found.isTextual()) {
      return "expected a date YYYY-MM-DD, found '" + found.asText() + "'";
    }
    if (target == null || found == null) return firstLine(e.getOriginalMessage());
    String expected = expected(target);
    String message = "expected " + expected + ", found " + describe(found);
    if (target == String.class && (found.isNumber() || found.isBoolean())) message += "; put it in quotes";
    if (isInteger(target) && found.isIntegralNumber() && !found.canConvertToInt()) {
      message += " (out of range)";
    }
    return message;
  }

  private static Class<?> targetType(JsonMappingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MismatchedInputException m && m.getTargetType() != null) return m.getTargetType();
      if (t instanceof InputCoercionException c && c.getTargetType() != null) return c.getTargetType();
    }
    return null;
  }

  private static boolean isInteger(Class<?> c) {
    return c == Integer.class || c == int.class || c == Long.class || c == long.class;
  }

  static String expected(Class<?> target) {
    if (target == Double.class || target == double.class) return "a number";
    if (isInteger(target)) return "an integer";
    if (target == Boolean.class || target == boolean.class) return "true or false";
    if (target == String.class) return "a string";
    if (target == LocalDate.class) return "a date YYYY-MM-DD";
    if (Collection.class.isAssignableFrom(target)) return "a list";
    if (Map.class.isAssignableFrom(target)) return "a map of key: value pairs";
    if (target.isRecord()) {
      List<String> names = new ArrayList<>();
      for (RecordComponent component : target.getRecordComponents()) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        names.add(renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName());
      }
      return "an object with fields " + String.join(", ", names);
    }
    return "an object";
  }

  /** A value as a user would recognise it in the file: what every "found ..." in a problem says. */
  public static String describe(JsonNode n) {
    if (n == null) return "nothing";
    if (n.isTextual()) return "a string '" + n.asText() + "'";
    if (n.isNumber()) return "a number " + n.asText();
    if (n.isBoolean()) return n.asText();
    if (n.isArray()) return "a list";
    if (n.isObject()) return "an object";
    if (n.isNull()) return "nothing (null)";
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String firstLine(String s) {
    if (s == null) return "cannot read this value";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> at) {
    JsonNode n = root;
    for (JsonMappingException.Reference ref : at) {
      if (n == null) return null;
      n = ref.getFieldName() != null ? n.get(ref.getFieldName()) : n.get(ref.getIndex());
    }
    return n;
  }

  /** Takes the value out: an object field is dropped, a list entry becomes null so later indexes stay put. */
  private static boolean remove(JsonNode root, List<JsonMappingException.Reference> at) {
    JsonNode parent = nodeAt(root, at.subList(0, at.size() - 1));
    JsonMappingException.Reference last = at.get(at.size() - 1);
    if (last.getFieldName() != null && parent instanceof ObjectNode o && o.has(last.getFieldName())) {
      o.remove(last.getFieldName());
      return true;
    }
    if (last.getFieldName() == null && parent instanceof ArrayNode a && last.getIndex() >= 0
        && last.getIndex() < a.size() && !a.get(last.getIndex()).isNull()) {
      a.set(last.getIndex(), NullNode.instance);
      return true;
    }
    return false;
  }

  /** Records each unknown field with the names that would have been accepted, and skips its value. */
  private static final class UnknownFieldRecorder extends DeserializationProblemHandler {
    private final String file;
    private final Map<String, Problem> found;

    UnknownFieldRecorder(String file, Map<String, Problem> found) {
      this.file = file;
      this.found = found;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
      JsonStreamContext context = p.getParsingContext();
      if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
        context = context.getParent(); // the value opened its own context; the field belongs to the one above
      }
      String path = FieldPaths.field(FieldPaths.of(context.getParent()), propertyName);
      TreeSet<String> known = new TreeSet<>();
      for (Object name : deserializer.getKnownPropertyNames()) known.add(Objects.toString(name));
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      if (PolicySpec.class.isAssignableFrom(type)) known.add("type");
      found.putIfAbsent(path, new Problem(file, path, 0, 0,
          "unknown field '" + propertyName + "'; expected one of: " + String.join(", ", known)));
      p.skipChildren();
      return true;
    }
  }
}
