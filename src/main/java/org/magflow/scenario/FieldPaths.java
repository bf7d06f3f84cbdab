package org.magflow.scenario;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * Field paths as problems show them: {@code producers[2].facilities[0].capacity}, with map keys written as
 * fields ({@code stocks.reo}) and the whole file as the empty path.
 */
public final class FieldPaths {
  private FieldPaths() {}

  public static String field(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path one step up, or the empty path at the top. */
  public static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Whether {@code path} is {@code ancestor} itself or lies inside it. */
  static boolean isWithin(String path, String ancestor) {
    return ancestor.isEmpty() || path.equals(ancestor)
        || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
  }

  /** The path of a Jackson binding error. */
  static String of(List<JsonMappingException.Reference> references) {
    String path = "";
    for (JsonMappingException.Reference ref : references) {
      path = ref.getFieldName() != null ? field(path, ref.getFieldName()) : index(path, ref.getIndex());
    }
    return path;
  }

  /** The path of the value a streaming context is positioned in: an object's field or an array's entry. */
  static String of(JsonStreamContext context) {
    if (context == null || context.inRoot()) return "";
    String parent = of(context.getParent());
    if (context.inArray()) return index(parent, Math.max(context.getCurrentIndex(), 0));
    String name = context.getCurrentName();
    return name == null ? parent : field(parent, name);
  }
}
