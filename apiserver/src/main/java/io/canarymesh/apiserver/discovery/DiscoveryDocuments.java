package io.canarymesh.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.KindRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every document kubectl reads before it does anything, computed once from the registry (which does
 * not change at run time) and served as is. One method per endpoint:
 *
 * <pre>{@code
 * GET /version                     version()
 * GET /api                         api(DiscoveryFormat.forAccept(accept))   (406 when empty)
 * GET /apis                        apis(DiscoveryFormat.forAccept(accept))
 * GET /apis/{group}                apiGroup(group)
 * GET /api/v1, /apis/{g}/{v}       resourceList(group, version)
 * GET /openapi/v3                  openApiV3Index()
 * GET /openapi/v3/{path}?hash=H    openApiV3(path)   e.g. path "apis/apps/v1"
 * GET /openapi/v2                  openApiV2()       always empty: answer 404
 * }</pre>
 *
 * Serving notes for the HTTP layer, as kube-apiserver does: send {@code Vary: Accept} on {@code
 * /api} and {@code /apis}; send {@link ServedDocument#etag()} as {@code ETag} and answer 304 to a
 * matching {@code If-None-Match}; for {@code /openapi/v3/{path}?hash=H} answer 301 to the current
 * URL when H is not the document's {@link ServedDocument#hash()}, and {@code Cache-Control: public,
 * immutable} when it is (kubectl caches those documents on disk by URL).
 */
public final class DiscoveryDocuments {
  private static final String JSON = "application/json";

  private final ServedDocument version;
  private final Map<DiscoveryFormat, ServedDocument> api = new EnumMap<>(DiscoveryFormat.class);
  private final Map<DiscoveryFormat, ServedDocument> apis = new EnumMap<>(DiscoveryFormat.class);
  private final Map<String, ServedDocument> groups = new HashMap<>();
  private final Map<GroupVersion, ServedDocument> resourceLists = new HashMap<>();
  private final Map<String, ServedDocument> openApiV3 = new HashMap<>();
  private final ServedDocument openApiV3Index;

  private DiscoveryDocuments(ServedApi served, String serverAddress) {
    version = ServedDocument.of(VersionInfo.document(), JSON);
    List<ServedGroup> core = served.core().stream().toList();
    List<String> coreVersions =
        core.stream()
            .flatMap(group -> group.versions().stream())
            .map(v -> v.groupVersion().version())
            .toList();
    for (DiscoveryFormat format : DiscoveryFormat.values()) {
      api.put(
          format,
          groupListing(format, core, LegacyDiscovery.apiVersions(coreVersions, serverAddress)));
      apis.put(
          format,
          groupListing(format, served.named(), LegacyDiscovery.apiGroupList(served.named())));
    }
    served
        .named()
        .forEach(g -> groups.put(g.name(), ServedDocument.of(LegacyDiscovery.apiGroup(g), JSON)));
    for (ServedVersion v : served.versions()) {
      resourceLists.put(
          v.groupVersion(), ServedDocument.of(LegacyDiscovery.apiResourceList(v), JSON));
      openApiV3.put(v.groupVersion().path(), ServedDocument.of(OpenApiV3.document(v), JSON));
    }
    openApiV3Index = ServedDocument.of(OpenApiV3.index(openApiV3), JSON);
  }

  /**
   * @param serverAddress {@code host:port} the server is reached at, advertised in {@code /api}
   *     (e.g. {@code 127.0.0.1:6443})
   */
  public static DiscoveryDocuments of(KindRegistry registry, String serverAddress) {
    requireNonNull(registry, "registry");
    requireNonNull(serverAddress, "serverAddress");
    if (serverAddress.isBlank()) {
      throw new IllegalArgumentException("serverAddress must be host:port, got a blank string");
    }
    return new DiscoveryDocuments(ServedApi.of(registry), serverAddress);
  }

  /** {@code GET /version}. */
  public ServedDocument version() {
    return version;
  }

  /** {@code GET /api}: the core group as an aggregated list, or legacy {@code APIVersions}. */
  public ServedDocument api(DiscoveryFormat format) {
    return api.get(requireNonNull(format, "format"));
  }

  /** {@code GET /apis}: every other group, aggregated or as a legacy {@code APIGroupList}. */
  public ServedDocument apis(DiscoveryFormat format) {
    return apis.get(requireNonNull(format, "format"));
  }

  /** {@code GET /apis/{group}}: a legacy {@code APIGroup}; empty for a group not served. */
  public Optional<ServedDocument> apiGroup(String group) {
    return Optional.ofNullable(groups.get(requireNonNull(group, "group")));
  }

  /**
   * {@code GET /api/v1} (group {@code ""}) or {@code GET /apis/{group}/{version}}: the legacy
   * {@code APIResourceList}; empty for a group/version not served.
   */
  public Optional<ServedDocument> resourceList(String group, String version) {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    return Optional.ofNullable(resourceLists.get(new GroupVersion(group, version)));
  }

  /** {@code GET /openapi/v3}: every served group/version with its content-hashed URL. */
  public ServedDocument openApiV3Index() {
    return openApiV3Index;
  }

  /**
   * {@code GET /openapi/v3/{path}}: the document of one group/version.
   *
   * @param path the part after {@code /openapi/v3/}, without query: {@code api/v1}, {@code
   *     apis/networking.istio.io/v1beta1}
   */
  public Optional<ServedDocument> openApiV3(String path) {
    return Optional.ofNullable(openApiV3.get(requireNonNull(path, "path")));
  }

  /**
   * {@code GET /openapi/v2}: not served, answer 404. kubectl only reaches for v2 when v3 fails it
   * (it then gives up with "failed to download openapi" either way) and, during client-side apply
   * of an existing object, to look for patch schemas; there a 404 makes it fall back to its
   * compiled-in strategic-merge knowledge, which is what we want (KUBE-API.md §C.12, §J).
   */
  public Optional<ServedDocument> openApiV2() {
    return Optional.empty();
  }

  private static ServedDocument groupListing(
      DiscoveryFormat format, List<ServedGroup> groups, ObjectNode legacy) {
    return format.aggregated()
        ? ServedDocument.of(
            AggregatedDiscovery.groupDiscoveryList(groups, format), format.contentType())
        : ServedDocument.of(legacy, format.contentType());
  }
}
