package io.canarymesh.apiserver.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.apiserver.PodLogs;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.ManifestDecoder;
import io.canarymesh.model.codec.ResourceJson;
import io.canarymesh.model.selector.FieldSelector;
import io.canarymesh.model.selector.LabelSelector;
import io.canarymesh.model.selector.SelectorException;
import io.canarymesh.store.ObjectList;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.ResourceKey;
import io.canarymesh.store.StoreException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The REST verbs on resources (KUBE-API.md §D): get, list, create, update, patch, delete and
 * deletecollection, with the admission chain on every write. Blocking (the store is SQLite): the
 * HTTP layer calls it off the event loop.
 */
public final class ResourceHandler {
  private final KindRegistry registry;
  private final ObjectStore store;
  private final Clock clock;
  private final Admission admission;
  private final Patcher patcher;
  private final ServiceAllocator allocator;
  private final Deleter deleter;
  private final ScaleSubresource scale;
  private final RandomGenerator random;
  private final LogSubresource logs = new LogSubresource();
  private volatile PodLogs podLogs;
  private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML =
      new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

  public ResourceHandler(
      KindRegistry registry, ObjectStore store, Clock clock, RandomGenerator random) {
    this.registry = requireNonNull(registry, "registry");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.admission = new Admission(new ManifestDecoder(registry));
    this.patcher = new Patcher();
    this.random = requireNonNull(random, "random");
    this.allocator = new ServiceAllocator(random);
    this.deleter = new Deleter(registry, store);
    this.scale = new ScaleSubresource();
  }

  /** Plugs in where {@code pods/log} reads from (the pod runtime). */
  public void podLogs(PodLogs podLogs) {
    this.podLogs = requireNonNull(podLogs, "podLogs");
  }

  /**
   * {@code GET pods/NAME/log?follow=true}: streams the log into {@code sink} until the container
   * stops or the client goes away (blocks the calling virtual thread meanwhile). Errors before the
   * first byte throw {@link ApiException} as for any request.
   */
  public void followLog(ApiPath path, ApiRequest request, WatchSink sink) {
    logs.follow(path, request, current(path), Optional.ofNullable(podLogs), sink);
  }

  /** Serves one non-watch request on a resource path. */
  public ApiResponse handle(ApiPath path, ApiRequest request) {
    try {
      return dispatch(path, request);
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private ApiResponse dispatch(ApiPath path, ApiRequest request) {
    String sub = path.subresource();
    if ("log".equals(sub)) {
      return logs.read(path, request, current(path), Optional.ofNullable(podLogs));
    }
    if ("binding".equals(sub)) {
      return bind(path, request);
    }
    if ("scale".equals(sub)) {
      return scale(path, request);
    }
    return switch (request.method()) {
      case "GET" -> path.name() == null ? list(path, request) : get(path, request);
      case "POST" -> {
        if (path.name() != null) {
          throw ApiException.methodNotAllowed("POST");
        }
        yield create(path, request);
      }
      case "PUT" -> update(path, request);
      case "PATCH" -> patch(path, request);
      case "DELETE" ->
          path.name() == null
              ? deleter.deleteCollection(path, request, this)
              : deleter.delete(path, request);
      default -> throw ApiException.methodNotAllowed(request.method());
    };
  }

  // ---- reads

  private ApiResponse get(ApiPath path, ApiRequest request) {
    ObjectNode stored = current(path);
    if (request.wantsTable()) {
      return ApiResponse.json(
          200,
          ObjectViews.table(
              path.kind(),
              List.of(ObjectViews.view(path, stored)),
              revisionOf(stored),
              clock.instant()));
    }
    return ApiResponse.json(200, ObjectViews.view(path, stored));
  }

  private ApiResponse list(ApiPath path, ApiRequest request) {
    ObjectList list = store.list(path.storeResource(), Optional.ofNullable(path.namespace()));
    List<ObjectNode> items = filter(path.kind(), list.items(), request);
    if (request.wantsTable()) {
      List<ObjectNode> views = items.stream().map(item -> ObjectViews.view(path, item)).toList();
      return ApiResponse.json(
          200, ObjectViews.table(path.kind(), views, list.revision(), clock.instant()));
    }
    return ApiResponse.json(200, ObjectViews.list(path, items, list.revision()));
  }

  /** The items matching the request's {@code labelSelector} and {@code fieldSelector}. */
  List<ObjectNode> filter(Kind kind, List<ObjectNode> items, ApiRequest request) {
    LabelSelector labels =
        request.param("labelSelector").map(LabelSelector::parse).orElse(LabelSelector.everything());
    Optional<FieldSelector> fields = request.param("fieldSelector").map(FieldSelector::parse);
    fields.ifPresent(
        f ->
            f.requireSupported(
                io.canarymesh.model.selector.SelectableFields.supportedFields(kind.type())));
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode item : items) {
      if (!labels.matches(labelsOf(item))) {
        continue;
      }
      if (fields.isPresent() && !fields.get().matches(selectableFields(kind, item))) {
        continue;
      }
      matching.add(item);
    }
    return matching;
  }

  private static Map<String, String> labelsOf(JsonNode item) {
    JsonNode labels = item.path("metadata").path("labels");
    Map<String, String> map = new java.util.HashMap<>();
    labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Map<String, String> selectableFields(Kind kind, ObjectNode item) {
    HasMetadata typed = ResourceJson.mapper().convertValue(item, kind.type());
    return io.canarymesh.model.selector.SelectableFields.of(typed);
  }

  // ---- writes

  private ApiResponse create(ApiPath path, ApiRequest request) {
    List<String> warnings = new ArrayList<>();
    HasMetadata object =
        admission.decode(path, parseBody(request), FieldValidation.of(request), warnings);
    placeInNamespace(path, object);
    String version = object.getMetadata().getResourceVersion();
    if (version != null && !version.isEmpty()) {
      throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
    }
    nameIfGenerated(object);
    requireNamespaceExists(path, object);
    admission.admitCreate(path.kind(), object);
    if (object instanceof Service service) {
      allocateService(service);
    }
    ObjectNode tree = ResourceJson.mapper().valueToTree(object);
    if (request.dryRun()) {
      return ApiResponse.json(201, ObjectViews.view(path, tree), warnings);
    }
    ResourceKey key =
        key(path, object.getMetadata().getName(), object.getMetadata().getNamespace());
    try {
      return ApiResponse.json(201, ObjectViews.view(path, store.create(key, tree)), warnings);
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, path.kind(), key.name());
    }
  }

  private ApiResponse update(ApiPath path, ApiRequest request) {
    if (path.name() == null) {
      throw ApiException.methodNotAllowed("PUT");
    }
    List<String> warnings = new ArrayList<>();
    HasMetadata updated =
        admission.decode(path, parseBody(request), FieldValidation.of(request), warnings);
    if (updated.getMetadata().getName() != null
        && !path.name().equals(updated.getMetadata().getName())) {
      throw ApiException.badRequest(
          "the name of the object ("
              + updated.getMetadata().getName()
              + ") does not match the name on the URL ("
              + path.name()
              + ")");
    }
    updated.getMetadata().setName(path.name());
    placeInNamespace(path, updated);
    ObjectNode stored = current(path);
    String expected = updated.getMetadata().getResourceVersion();
    return ApiResponse.json(
        200, ObjectViews.view(path, write(path, stored, updated, expected, request)), warnings);
  }

  private ApiResponse patch(ApiPath path, ApiRequest request) {
    if (path.name() == null) {
      throw ApiException.methodNotAllowed("PATCH");
    }
    patcher.requireSupported(path.kind(), request.contentType());
    JsonNode patchBody = parseBody(request);
    List<String> warnings = new ArrayList<>();
    for (int attempt = 0; ; attempt++) {
      ObjectNode stored = current(path);
      ObjectNode view = ObjectViews.view(path, stored);
      JsonNode patched = patcher.apply(path.kind(), request.contentType(), view, patchBody);
      warnings.clear();
      HasMetadata updated = admission.decode(path, patched, FieldValidation.of(request), warnings);
      String expected = patchBody.path("metadata").path("resourceVersion").asText(null);
      try {
        ObjectNode written =
            write(
                path,
                stored,
                updated,
                expected == null ? revisionOf(stored) + "" : expected,
                request);
        return ApiResponse.json(200, ObjectViews.view(path, written), warnings);
      } catch (ApiException e) {
        if (e.code() != 409 || expected != null || attempt >= 5) {
          throw e; // a patch without its own precondition is retried on the newest object
        }
      }
    }
  }

  /**
   * Replaces {@code stored} with {@code updated}: main resource or status subresource rules,
   * admission, then a compare-and-swap write ({@code expected} resourceVersion, when given).
   */
  private ObjectNode write(
      ApiPath path, ObjectNode stored, HasMetadata updated, String expected, ApiRequest request) {
    Kind kind = path.kind();
    HasMetadata old = ResourceJson.mapper().convertValue(stored, kind.type());
    ObjectNode next = ResourceJson.mapper().valueToTree(updated);
    if ("status".equals(path.subresource())) {
      next = Subresources.statusOnly(stored, next);
      updated = ResourceJson.mapper().convertValue(next, kind.type());
    } else if (kind.subresources().contains("status")) {
      Subresources.keepStatus(stored, next);
      updated = ResourceJson.mapper().convertValue(next, kind.type());
    }
    if (updated instanceof Service service && old instanceof Service before) {
      Subresources.keepClusterIp(before, service);
    }
    if (updated instanceof io.fabric8.kubernetes.api.model.Pod pod
        && old instanceof io.fabric8.kubernetes.api.model.Pod before) {
      requireSameNode(kind, before, pod);
    }
    admission.admitUpdate(kind, old, updated);
    ObjectNode tree = ResourceJson.mapper().valueToTree(updated);
    if (request.dryRun()) {
      return tree;
    }
    ResourceKey key = key(path, path.name(), path.namespace());
    try {
      return expected == null || expected.isEmpty()
          ? store.update(key, tree)
          : store.update(key, tree, expected);
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, kind, path.name());
    }
  }

  private ApiResponse scale(ApiPath path, ApiRequest request) {
    ObjectNode stored = current(path);
    return switch (request.method()) {
      case "GET" -> ApiResponse.json(200, scale.view(stored));
      case "PUT", "PATCH" -> {
        JsonNode body = parseBody(request);
        ObjectNode desired =
            request.method().equals("PUT")
                ? (ObjectNode) body
                : (ObjectNode)
                    patcher.applyToScale(request.contentType(), scale.view(stored), body);
        ObjectNode next = scale.apply(stored, desired);
        HasMetadata updated = ResourceJson.mapper().convertValue(next, path.kind().type());
        ApiPath main =
            new ApiPath(path.kind(), path.version(), path.namespace(), path.name(), null);
        String expected = desired.path("metadata").path("resourceVersion").asText(null);
        yield ApiResponse.json(200, scale.view(write(main, stored, updated, expected, request)));
      }
      default -> throw ApiException.methodNotAllowed(request.method());
    };
  }

  /**
   * {@code POST pods/NAME/binding}: what a scheduler does to place a pod. Sets {@code
   * spec.nodeName} once; a pod already bound answers 409 as kube-apiserver does.
   */
  private ApiResponse bind(ApiPath path, ApiRequest request) {
    if (!request.method().equals("POST")) {
      throw ApiException.methodNotAllowed(request.method());
    }
    JsonNode body = parseBody(request);
    String node = body.path("target").path("name").asText("");
    if (!body.path("target").path("kind").asText("Node").equals("Node") || node.isEmpty()) {
      throw ApiException.badRequest(
          "Binding \"" + path.name() + "\" is invalid: target: a Node with a name is required");
    }
    for (int attempt = 0; ; attempt++) {
      ObjectNode stored = current(path);
      String bound = stored.path("spec").path("nodeName").asText("");
      if (!bound.isEmpty() || stored.path("metadata").has("deletionTimestamp")) {
        throw new ApiException(
            409,
            "Conflict",
            "Operation cannot be fulfilled on pods/binding \""
                + path.name()
                + "\": pod "
                + path.name()
                + (bound.isEmpty()
                    ? " is being deleted"
                    : " is already assigned to node \"" + bound + "\""),
            ApiException.details(path.kind(), path.name()));
      }
      ObjectNode next = stored.deepCopy();
      ((ObjectNode) next.get("spec")).put("nodeName", node);
      if (request.dryRun()) {
        return ApiResponse.json(201, success());
      }
      try {
        store.update(key(path, path.name(), path.namespace()), next, revisionOf(stored) + "");
        return ApiResponse.json(201, success());
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.CONFLICT || attempt >= 5) {
          throw StoreErrors.toApi(e, path.kind(), path.name());
        }
      }
    }
  }

  /** {@code spec.nodeName} changes only through {@code pods/binding}, as in Kubernetes. */
  private static void requireSameNode(
      Kind kind,
      io.fabric8.kubernetes.api.model.Pod before,
      io.fabric8.kubernetes.api.model.Pod after) {
    String was = before.getSpec() == null ? null : before.getSpec().getNodeName();
    String now = after.getSpec() == null ? null : after.getSpec().getNodeName();
    if (!java.util.Objects.equals(emptyToNull(was), emptyToNull(now))) {
      throw ApiException.invalid(
          kind,
          after.getMetadata().getName(),
          List.of(
              io.canarymesh.model.validation.FieldError.forbidden(
                  io.canarymesh.model.validation.FieldPath.of("spec", "nodeName"),
                  "pod updates may not change the node; a scheduler binds a pod through"
                      + " pods/binding")));
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static ObjectNode success() {
    ObjectNode status = ResourceJson.mapper().createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    status.put("code", 201);
    return status;
  }

  // ---- helpers

  ObjectNode current(ApiPath path) {
    return store
        .get(key(path, path.name(), path.namespace()))
        .orElseThrow(() -> ApiException.notFound(path.kind(), path.name()));
  }

  ResourceKey key(ApiPath path, String name, String namespace) {
    return path.kind().namespaced()
        ? new ResourceKey(path.storeResource(), namespace == null ? "default" : namespace, name)
        : ResourceKey.cluster(path.storeResource(), name);
  }

  private void placeInNamespace(ApiPath path, HasMetadata object) {
    var meta = object.getMetadata();
    if (meta == null) {
      throw ApiException.badRequest("metadata is required");
    }
    if (!path.kind().namespaced()) {
      meta.setNamespace(null);
      return;
    }
    if (path.namespace() == null) {
      throw ApiException.badRequest(
          "the namespace of the object must be given in the request path");
    }
    if (meta.getNamespace() != null
        && !meta.getNamespace().isEmpty()
        && !meta.getNamespace().equals(path.namespace())) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.setNamespace(path.namespace());
  }

  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private void nameIfGenerated(HasMetadata object) {
    var meta = object.getMetadata();
    if ((meta.getName() == null || meta.getName().isEmpty()) && meta.getGenerateName() != null) {
      StringBuilder name = new StringBuilder(meta.getGenerateName());
      for (int i = 0; i < 5; i++) {
        name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
      }
      meta.setName(name.toString());
    }
  }

  private void requireNamespaceExists(ApiPath path, HasMetadata object) {
    if (!path.kind().namespaced()) {
      return;
    }
    String namespace = object.getMetadata().getNamespace();
    if (store.get(ResourceKey.cluster("namespaces", namespace)).isEmpty()) {
      Kind namespaces = registry.byUserName("namespaces").get(0);
      throw ApiException.notFound(namespaces, namespace);
    }
  }

  private void allocateService(Service service) {
    Set<String> ips = new HashSet<>();
    Set<Integer> nodePorts = new HashSet<>();
    for (ObjectNode existing : store.list("services", Optional.empty()).items()) {
      JsonNode spec = existing.path("spec");
      ips.add(spec.path("clusterIP").asText());
      spec.path("ports").forEach(p -> nodePorts.add(p.path("nodePort").asInt(0)));
    }
    allocator.allocate(service, ips, nodePorts);
  }

  static long revisionOf(JsonNode stored) {
    return Long.parseLong(stored.path("metadata").path("resourceVersion").asText("0"));
  }

  static JsonNode parseBody(ApiRequest request) {
    if (request.body().length == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    try {
      String text = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
      if (request.contentType().contains("yaml")) {
        return YAML.readTree(text);
      }
      return ResourceJson.mapper().readTree(text);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
