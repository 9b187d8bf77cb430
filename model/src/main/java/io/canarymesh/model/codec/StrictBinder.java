package io.canarymesh.model.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.canarymesh.model.validation.FieldPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Binds a tree to a fabric8 type and reports every field the type does not know.
 *
 * <p>fabric8's types swallow unknown fields into {@code additionalProperties} through an
 * any-setter. Here the any-setter is switched off, so unknown fields are dropped while binding;
 * re-encoding the bound object and comparing it with the input then names each dropped field with
 * its full path, whatever custom deserializer (IntOrString, Istio's oneOf types) sat in between.
 */
final class StrictBinder {
  private static final ObjectMapper STRICT = strictMapper();

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .setAnnotationIntrospector(
                new JacksonAnnotationIntrospector() {
                  @Override
                  public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                  }
                })
            .registerModule(new IstioWrapperModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // Kubernetes refuses "3" for an int32 and true for a string: no silent scalar coercion
            .configure(
                com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    // ...nor a number or boolean where a string belongs (a label value of `true`, an env value
    // 8080)
    var textual = mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual);
    for (var shape :
        List.of(
            com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
            com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
            com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float)) {
      textual.setCoercion(shape, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }
    return mapper;
  }

  private StrictBinder() {}

  /**
   * The outcome: the bound object (null when binding failed), and every problem found. When the
   * only problems are unknown fields, the object is bound without them.
   */
  record Result<T>(T value, List<FieldProblem> problems) {}

  /** A problem at a field path; {@code unknownField} when binding went on without the field. */
  record FieldProblem(String field, String message, boolean unknownField) {}

  static <T> Result<T> bind(JsonNode input, Class<T> type) {
    T value;
    try {
      value = STRICT.treeToValue(input, type);
    } catch (JsonMappingException e) {
      String field = pathOf(e, input);
      return new Result<>(
          null, List.of(new FieldProblem(field, typeMismatch(field, input, e), false)));
    } catch (Exception e) {
      return new Result<>(null, List.of(new FieldProblem("", e.getMessage(), false)));
    }
    List<FieldProblem> problems = new ArrayList<>();
    collectUnknown(input, ResourceJson.mapper().valueToTree(value), FieldPath.root(), problems);
    return new Result<>(value, problems);
  }

  /**
   * Every field present in {@code input} but absent from {@code encoded}. Null values and empty
   * containers are not reported: fabric8 omits empty lists and maps when encoding, so their absence
   * says nothing about whether the field is known.
   */
  private static void collectUnknown(
      JsonNode input, JsonNode encoded, FieldPath path, List<FieldProblem> problems) {
    if (input.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        FieldPath child = path.child(field.getKey());
        JsonNode counterpart = encoded == null ? null : encoded.get(field.getKey());
        if (counterpart != null) {
          collectUnknown(value, counterpart, child, problems);
        } else if (!value.isNull() && !isEmptyContainer(value)) {
          problems.add(new FieldProblem(child.toString(), "unknown field \"" + child + "\"", true));
        }
      }
    } else if (input.isArray() && encoded != null && encoded.isArray()) {
      for (int i = 0; i < input.size() && i < encoded.size(); i++) {
        collectUnknown(input.get(i), encoded.get(i), path.index(i), problems);
      }
    }
  }

  private static boolean isEmptyContainer(JsonNode value) {
    return value.isContainerNode() && value.isEmpty();
  }

  /**
   * The failing field's path in the input. Jackson's path also names fabric8's unwrapped oneof
   * properties ({@code loadBalancer.LbPolicy.consistentHash}), which the input does not have; those
   * steps are skipped, so the path is the one the user wrote ({@code loadBalancer.consistentHash}).
   */
  private static String pathOf(JsonMappingException e, JsonNode input) {
    FieldPath path = FieldPath.root();
    JsonNode at = input;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (at.has(ref.getFieldName())) {
          path = path.child(ref.getFieldName());
          at = at.get(ref.getFieldName());
        }
      } else if (ref.getIndex() >= 0) {
        path = path.index(ref.getIndex());
        at = at.path(ref.getIndex());
      }
    }
    return path.toString();
  }

  /** {@code spec.replicas: expected int32, got string "three"}, without Jackson's internals. */
  private static String typeMismatch(String field, JsonNode input, JsonMappingException e) {
    JsonNode value = input.at(pointer(field));
    String got = value.isMissingNode() ? "an unexpected value" : describe(value);
    String wanted =
        e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null
            ? expected(mismatch.getTargetType())
            : "a different type";
    return (field.isEmpty() ? "" : field + ": ") + "expected " + wanted + ", got " + got;
  }

  private static String expected(Class<?> target) {
    if (target == Integer.class || target == int.class || target == Long.class) {
      return "an integer";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "a boolean";
    }
    if (target == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(target)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.")) {
      return "an object";
    }
    return target.getSimpleName();
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "string \"" + value.asText() + "\"";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "an object";
    }
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }

  /** {@code spec.containers[0].image} → JSON pointer {@code /spec/containers/0/image}. */
  private static String pointer(String field) {
    if (field.isEmpty()) {
      return "";
    }
    return "/" + field.replace("[", ".").replace("]", "").replace("~", "~0").replace(".", "/");
  }
}
