package io.canarymesh.model.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Decodes manifests strictly: multi-document YAML (or JSON), {@code kind: List} flattened, each
 * document bound to the fabric8 type its {@code apiVersion} and {@code kind} name. Every problem in
 * every document is reported. A document whose only problems are unknown or duplicate fields is
 * still returned (without those fields), so callers can choose Kubernetes' field validation level.
 */
public final class ManifestDecoder {
  private static final int MAX_DOCUMENT_CODE_POINTS = 8 * 1024 * 1024;

  private final KindRegistry registry;
  private final YAMLFactory yaml;
  private final JsonFactory json;

  public ManifestDecoder(KindRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
    options.setAllowDuplicateKeys(true); // reported by TreeReader with their paths instead
    this.yaml = YAMLFactory.builder().loaderOptions(options).build();
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();
  }

  /** Decodes YAML or JSON text (JSON when it starts with '{' or '['). */
  public DecodeResult decode(String text) {
    requireNonNull(text, "text");
    List<DecodedResource> resources = new ArrayList<>();
    List<DecodeError> errors = new ArrayList<>();
    try (JsonParser parser =
        looksLikeJson(text) ? json.createParser(text) : yaml.createParser(text)) {
      TreeReader reader = new TreeReader(parser, errors);
      LocatedTree tree;
      while ((tree = reader.next()) != null) {
        int document = reader.documentIndex() - 1;
        if (isEmptyDocument(tree.root())) {
          continue; // e.g. after a trailing "---", or only comments
        }
        decodeDocument(document, tree, resources, errors);
      }
    } catch (JsonProcessingException e) {
      errors.add(syntaxError(e, looksLikeJson(text) ? "json" : "yaml"));
    } catch (IOException e) {
      errors.add(
          new DecodeError(0, "", Optional.empty(), "cannot read manifest: " + e.getMessage()));
    }
    return new DecodeResult(resources, errors);
  }

  /** Decodes one already-parsed object (an API request body) without source locations. */
  public DecodeResult decodeTree(JsonNode object) {
    requireNonNull(object, "object");
    List<DecodedResource> resources = new ArrayList<>();
    List<DecodeError> errors = new ArrayList<>();
    LocatedTree tree = new LocatedTree(object, new SourceLocation(1, 1), java.util.Map.of());
    decodeObject(0, tree, FieldPath.root(), object, resources, errors);
    return new DecodeResult(resources, errors);
  }

  private void decodeDocument(
      int document, LocatedTree tree, List<DecodedResource> out, List<DecodeError> errors) {
    JsonNode root = tree.root();
    if ("List".equals(root.path("kind").asText()) && root.path("items").isArray()) {
      JsonNode items = root.get("items");
      for (int i = 0; i < items.size(); i++) {
        decodeObject(document, tree, FieldPath.of("items").index(i), items.get(i), out, errors);
      }
      return;
    }
    decodeObject(document, tree, FieldPath.root(), root, out, errors);
  }

  private void decodeObject(
      int document,
      LocatedTree tree,
      FieldPath at,
      JsonNode object,
      List<DecodedResource> out,
      List<DecodeError> errors) {
    Optional<SourceLocation> start =
        at.isRoot() ? Optional.of(tree.start()) : tree.locationOf(at.toString());
    if (!object.isObject()) {
      errors.add(
          new DecodeError(document, "", start, "expected an object, got " + describe(object)));
      return;
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kindName = object.path("kind").asText("");
    if (kindName.isEmpty() || apiVersion.isEmpty()) {
      String missing = kindName.isEmpty() ? "kind" : "apiVersion";
      errors.add(
          new DecodeError(
              document, missing, start, "Object '" + capitalize(missing) + "' is missing"));
      return;
    }
    Optional<Kind> kind = registry.byApiVersionAndKind(apiVersion, kindName);
    if (kind.isEmpty()) {
      errors.add(
          new DecodeError(
              document,
              "",
              start,
              "no matches for kind \"" + kindName + "\" in version \"" + apiVersion + "\""));
      return;
    }
    StrictBinder.Result<? extends HasMetadata> bound = StrictBinder.bind(object, kind.get().type());
    for (StrictBinder.FieldProblem problem : bound.problems()) {
      String located = prefixed(at, problem.field());
      errors.add(
          new DecodeError(
              document,
              problem.field(),
              tree.locationOf(located).or(() -> start),
              problem.message(),
              problem.unknownField()));
    }
    if (bound.value() != null) {
      out.add(new DecodedResource(document, kind.get(), bound.value(), start));
    }
  }

  private static String prefixed(FieldPath at, String field) {
    if (at.isRoot()) {
      return field;
    }
    return field.isEmpty() ? at.toString() : at + "." + field;
  }

  private static DecodeError syntaxError(JsonProcessingException e, String format) {
    Optional<SourceLocation> where =
        Optional.ofNullable(e.getLocation())
            .filter(l -> l.getLineNr() > 0)
            .map(l -> new SourceLocation(l.getLineNr(), l.getColumnNr()));
    String detail = e.getOriginalMessage();
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
      detail = marked.getProblem();
      if (marked.getProblemMark() != null) {
        where =
            Optional.of(
                new SourceLocation(
                    marked.getProblemMark().getLine() + 1,
                    marked.getProblemMark().getColumn() + 1));
      }
    }
    String line = where.map(l -> " line " + l.line() + ":").orElse("");
    return new DecodeError(0, "", where, format + ":" + line + " " + firstLine(detail));
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed document";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).trim();
  }

  private static boolean isEmptyDocument(JsonNode root) {
    return root.isNull() || root.isMissingNode() || (root.isTextual() && root.asText().isEmpty());
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  private static String describe(JsonNode node) {
    return node.isArray() ? "a list" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
