package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST pods/NAME/binding}, as kube-scheduler places a pod: the only way to set {@code
 * spec.nodeName} on an existing pod.
 */
final class PodBinding {
  private PodBinding() {}

  /**
   * @throws KubernetesClientException when the API server refuses (for example 409: already bound)
   */
  static void bind(KubernetesClient client, Pod pod, String node) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Map<String, Object> binding =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Binding",
            "metadata",
            Map.of("name", name, "namespace", namespace, "uid", pod.getMetadata().getUid()),
            "target",
            Map.of("apiVersion", "v1", "kind", "Node", "name", node));
    String url =
        client.getMasterUrl().toString().replaceAll("/+$", "")
            + "/api/v1/namespaces/"
            + namespace
            + "/pods/"
            + name
            + "/binding";
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(url)
            .post("application/json", client.getKubernetesSerialization().asJson(binding))
            .build();
    try {
      HttpResponse<String> response =
          http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
      if (!response.isSuccessful()) {
        throw new KubernetesClientException(
            "binding "
                + namespace
                + "/"
                + name
                + " failed: "
                + response.code()
                + " "
                + response.body(),
            response.code(),
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while binding " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubernetesClientException("binding " + namespace + "/" + name + ": " + e, e);
    }
  }
}
