package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.ResourceJson;
import io.canarymesh.store.Deletion;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.Preconditions;
import io.canarymesh.store.ResourceKey;
import io.canarymesh.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DELETE and deletecollection, with {@code propagationPolicy} (KUBE-API.md §D.19).
 *
 * <p>Dependents are found by {@code metadata.ownerReferences[].uid}. Kubernetes leaves them to its
 * garbage collector, which runs asynchronously; here the API server does the same work within the
 * request: {@code Background} deletes the owner then its dependents, {@code Foreground} the
 * dependents first, {@code Orphan} strips the owner reference from them. The outcome a client
 * observes (the owner gone, then its dependents gone or orphaned) is the same, only sooner.
 *
 * <p>A pod bound to a node is deleted gracefully, as kube-apiserver does: the delete marks it with
 * {@code deletionTimestamp} and {@code deletionGracePeriodSeconds} (from {@code
 * gracePeriodSeconds}, else {@code spec.terminationGracePeriodSeconds}, else 30) and the kubelet
 * removes it with a grace period of 0 once its containers have stopped. A pod never bound, one that
 * has finished (Succeeded/Failed), or a grace period of 0 removes it at once.
 */
final class Deleter {
  private static final List<String> POLICIES = List.of("Orphan", "Background", "Foreground");

  private final KindRegistry registry;
  private final ObjectStore store;

  Deleter(KindRegistry registry, ObjectStore store) {
    this.registry = registry;
    this.store = store;
  }

  ApiResponse delete(ApiPath path, ApiRequest request) {
    DeleteOptions options = DeleteOptions.of(request);
    ResourceKey key = key(path.kind(), path.namespace(), path.name());
    ObjectNode current =
        store.get(key).orElseThrow(() -> ApiException.notFound(path.kind(), path.name()));
    if (options.dryRun()) {
      return ApiResponse.json(200, success(path.kind(), current));
    }
    Deletion deletion = deleteWithPolicy(path.kind(), key, current, options);
    if (!deletion.removed()) {
      return ApiResponse.json(202, ObjectViews.view(path, deletion.object()));
    }
    return ApiResponse.json(200, success(path.kind(), deletion.object()));
  }

  ApiResponse deleteCollection(ApiPath path, ApiRequest request, ResourceHandler handler) {
    DeleteOptions options = DeleteOptions.of(request);
    List<ObjectNode> items =
        handler.filter(
            path.kind(),
            store.list(path.storeResource(), Optional.ofNullable(path.namespace())).items(),
            request);
    List<ObjectNode> deleted = new ArrayList<>();
    for (ObjectNode item : items) {
      ResourceKey key = key(path.kind(), namespaceOf(item), nameOf(item));
      if (options.dryRun()) {
        deleted.add(item);
        continue;
      }
      try {
        deleted.add(
            deleteWithPolicy(path.kind(), key, item, options.withoutPreconditions()).object());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e; // already gone is fine for a collection delete
        }
      }
    }
    return ApiResponse.json(200, ObjectViews.list(path, deleted, store.currentRevision()));
  }

  private Deletion deleteWithPolicy(
      Kind kind, ResourceKey key, ObjectNode owner, DeleteOptions options) {
    String uid = owner.path("metadata").path("uid").asText();
    switch (options.propagationPolicy()) {
      case "Orphan" -> orphanDependents(key.namespace(), uid);
      case "Foreground" -> deleteDependents(key.namespace(), uid, "Foreground");
      default -> {}
    }
    Deletion deletion;
    try {
      long grace = PodGracePeriod.of(kind, owner, options.gracePeriodSeconds());
      deletion =
          grace > 0
              ? store.transaction(tx -> tx.deleteGracefully(key, options.preconditions(), grace))
              : store.delete(key, options.preconditions());
    } catch (StoreException e) {
      throw StoreErrors.toApi(e, kind, key.name());
    }
    if (options.propagationPolicy().equals("Background") && deletion.removed()) {
      deleteDependents(key.namespace(), uid, "Background");
    }
    return deletion;
  }

  private void deleteDependents(String namespace, String ownerUid, String policy) {
    for (Dependent dependent : dependentsOf(namespace, ownerUid)) {
      try {
        deleteWithPolicy(
            dependent.kind(),
            dependent.key(),
            dependent.object(),
            new DeleteOptions(policy, Preconditions.none(), false, Optional.empty()));
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
  }

  private void orphanDependents(String namespace, String ownerUid) {
    for (Dependent dependent : dependentsOf(namespace, ownerUid)) {
      ObjectNode updated = dependent.object().deepCopy();
      var refs =
          (com.fasterxml.jackson.databind.node.ArrayNode)
              updated.path("metadata").path("ownerReferences");
      for (int i = refs.size() - 1; i >= 0; i--) {
        if (ownerUid.equals(refs.get(i).path("uid").asText())) {
          refs.remove(i);
        }
      }
      if (refs.isEmpty()) {
        ((ObjectNode) updated.get("metadata")).remove("ownerReferences");
      }
      try {
        store.update(dependent.key(), updated);
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.NOT_FOUND) {
          throw StoreErrors.toApi(e, dependent.kind(), dependent.key().name());
        }
      }
    }
  }

  private record Dependent(Kind kind, ResourceKey key, ObjectNode object) {}

  private List<Dependent> dependentsOf(String namespace, String ownerUid) {
    List<Dependent> dependents = new ArrayList<>();
    for (Kind kind : registry.kinds()) {
      Optional<String> scope = kind.namespaced() ? Optional.of(namespace) : Optional.empty();
      if (kind.namespaced() == namespace.isEmpty()) {
        continue; // namespaced owners have namespaced dependents, cluster owners cluster ones
      }
      for (ObjectNode item : store.list(ApiPath.storeResource(kind), scope).items()) {
        for (JsonNode ref : item.path("metadata").path("ownerReferences")) {
          if (ownerUid.equals(ref.path("uid").asText())) {
            dependents.add(new Dependent(kind, key(kind, namespaceOf(item), nameOf(item)), item));
            break;
          }
        }
      }
    }
    return dependents;
  }

  private static ResourceKey key(Kind kind, String namespace, String name) {
    return kind.namespaced()
        ? new ResourceKey(ApiPath.storeResource(kind), namespace, name)
        : ResourceKey.cluster(ApiPath.storeResource(kind), name);
  }

  private static String namespaceOf(JsonNode item) {
    return item.path("metadata").path("namespace").asText("");
  }

  private static String nameOf(JsonNode item) {
    return item.path("metadata").path("name").asText();
  }

  private static ObjectNode success(Kind kind, ObjectNode object) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = ApiException.details(kind, nameOf(object));
    details.put("uid", object.path("metadata").path("uid").asText());
    status.set("details", details);
    return status;
  }

  /** The parts of a {@code DeleteOptions} body (or query) this server honours. */
  record DeleteOptions(
      String propagationPolicy,
      Preconditions preconditions,
      boolean dryRun,
      Optional<Long> gracePeriodSeconds) {
    static DeleteOptions of(ApiRequest request) {
      JsonNode body = JsonNodeFactory.instance.objectNode();
      if (request.body().length > 0) {
        try {
          body = ResourceJson.mapper().readTree(request.body());
        } catch (IOException e) {
          throw ApiException.badRequest("the DeleteOptions body is not valid JSON");
        }
      }
      String policy =
          request
              .param("propagationPolicy")
              .orElse(body.path("propagationPolicy").asText("Background"));
      if (!POLICIES.contains(policy)) {
        throw ApiException.badRequest(
            "propagationPolicy: Unsupported value: \""
                + policy
                + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
      }
      JsonNode pre = body.path("preconditions");
      Preconditions preconditions =
          new Preconditions(
              Optional.ofNullable(pre.path("uid").textValue()),
              Optional.ofNullable(pre.path("resourceVersion").textValue()));
      boolean dryRun =
          request.dryRun()
              || (body.path("dryRun").isArray() && body.path("dryRun").toString().contains("All"));
      return new DeleteOptions(policy, preconditions, dryRun, gracePeriod(request, body));
    }

    private static Optional<Long> gracePeriod(ApiRequest request, JsonNode body) {
      Optional<String> param = request.param("gracePeriodSeconds");
      if (param.isPresent()) {
        try {
          return Optional.of(Long.parseLong(param.get()));
        } catch (NumberFormatException e) {
          throw ApiException.badRequest(
              "gracePeriodSeconds: Invalid value: \"" + param.get() + "\": must be an integer");
        }
      }
      JsonNode value = body.path("gracePeriodSeconds");
      if (value.isMissingNode() || value.isNull()) {
        return Optional.empty();
      }
      if (!value.canConvertToLong() || !value.isIntegralNumber()) {
        throw ApiException.badRequest(
            "gracePeriodSeconds: Invalid value: " + value + ": must be an integer");
      }
      return Optional.of(value.asLong());
    }

    DeleteOptions withoutPreconditions() {
      return new DeleteOptions(propagationPolicy, Preconditions.none(), dryRun, gracePeriodSeconds);
    }
  }
}
