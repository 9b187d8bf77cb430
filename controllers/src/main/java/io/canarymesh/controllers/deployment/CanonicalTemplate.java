package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.codec.ResourceJson;
import io.canarymesh.model.defaults.Defaults;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A pod template in a canonical form, for comparing and hashing templates that mean the same.
 * Normalising: the {@code pod-template-hash} label goes (a ReplicaSet's template carries it, the
 * Deployment's does not), the API server's defaults are applied, null and empty fields and {@code
 * creationTimestamp} go, and object keys are sorted.
 *
 * <p>Why: {@code kubectl rollout undo} sends an old ReplicaSet's template back with {@code
 * creationTimestamp: null} and without the hash label. Compared raw it would differ from that
 * ReplicaSet's template and the controller would create a fresh ReplicaSet instead of reviving the
 * old one (KUBE-API.md §H.33). Kubernetes gets the same effect from decoding into Go structs, where
 * absent and empty are one value, and from defaulting on the way in.
 *
 * @param json the canonical JSON text
 */
public record CanonicalTemplate(String json) {
  static final String HASH_LABEL = "pod-template-hash";

  public CanonicalTemplate {
    requireNonNull(json, "json");
  }

  /** The canonical form of {@code template}; the template itself is not changed. */
  public static CanonicalTemplate of(PodTemplateSpec template) {
    requireNonNull(template, "template");
    JsonNode tree = ResourceJson.toTree(defaulted(template));
    JsonNode canonical = canonical(tree);
    if (canonical == null) {
      canonical = JsonNodeFactory.instance.objectNode();
    }
    dropHashLabelAndTimestamp(canonical);
    try {
      return new CanonicalTemplate(ResourceJson.mapper().writeValueAsString(prune(canonical)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kubernetes' {@code EqualIgnoreHash}: whether two templates are the same once normalised, the
   * {@code pod-template-hash} label ignored.
   */
  public static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
    return of(a).equals(of(b));
  }

  // Defaults apply to objects, so the copy rides in a ReplicaSet.
  private static PodTemplateSpec defaulted(PodTemplateSpec template) {
    ReplicaSet carrier = new ReplicaSet();
    ReplicaSetSpec spec = new ReplicaSetSpec();
    spec.setReplicas(1);
    spec.setTemplate(ResourceJson.copy(template, PodTemplateSpec.class));
    carrier.setSpec(spec);
    return Defaults.apply(carrier).getSpec().getTemplate();
  }

  private static void dropHashLabelAndTimestamp(JsonNode template) {
    if (template.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("creationTimestamp");
      if (metadata.get("labels") instanceof ObjectNode labels) {
        labels.remove(HASH_LABEL);
      }
    }
  }

  /** Sorted keys, nulls and empty strings gone; empty containers are pruned afterwards. */
  private static JsonNode canonical(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual() && node.asText().isEmpty()) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      for (String name : names) {
        JsonNode value = canonical(node.get(name));
        if (value != null) {
          sorted.set(name, value);
        }
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : node) {
        JsonNode value = canonical(element);
        array.add(value == null ? JsonNodeFactory.instance.objectNode() : value);
      }
      return array;
    }
    return node;
  }

  /** Drops empty objects and arrays bottom-up, so {@code {"labels": {}}} goes with its parent. */
  private static JsonNode prune(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = prune(object.get(name));
        if (value.isContainerNode() && value.isEmpty()) {
          object.remove(name);
        }
      }
    } else if (node.isArray()) {
      node.forEach(CanonicalTemplate::prune);
    }
    return node;
  }
}
