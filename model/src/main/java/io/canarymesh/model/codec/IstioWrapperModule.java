package io.canarymesh.model.codec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;

/**
 * Repairs fabric8 istio-model wrapper types that cannot read Istio's documented spelling. Installed
 * on every mapper that binds resources (the strict decoder and {@link ResourceJson}), so a document
 * reads the same from a file, from an API request and from the store.
 *
 * <p>Today one: {@code consistentHash.ringHash}'s body (see {@link RingHashDeserializer}). Istio's
 * other documented oneofs ({@code maglev}, hash keys, {@code warmup}, {@code tls}, string matchers,
 * {@code mirrorPercentage}, tls/tcp routes) bind as they are; {@code IstioDocumentedExamplesTest}
 * decodes Istio's examples to keep it so.
 */
final class IstioWrapperModule extends SimpleModule {
  IstioWrapperModule() {
    super("canary-istio-wrappers");
    setMixInAnnotation(LoadBalancerSettingsConsistentHashLBRingHash.class, RingHashMixIn.class);
  }

  /** The wrapper's {@code ringHash} property: its own reader, no subtype deduction. */
  private abstract static class RingHashMixIn {
    @JsonDeserialize(using = RingHashDeserializer.class)
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    abstract void setRingHash(LoadBalancerSettingsConsistentHashLBRingHash ringHash);
  }
}
