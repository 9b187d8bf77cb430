package io.canarymesh.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;
import java.io.IOException;

/**
 * Reads the body of Istio's {@code consistentHash.ringHash: {minimumRingSize: 2048}}.
 *
 * <p>fabric8 istio-model 7.5.2 types that body as the {@code ringHash} wrapper itself (a generator
 * slip: Istio's {@code RingHash} message has only {@code minimumRingSize}), and the wrapper
 * inherits the hash algorithm's "deduce the subtype from the fields" rule, which no subtype
 * satisfies. So the body is read here, untyped: {@code minimumRingSize} (an integer) becomes an
 * additional property, which fabric8 writes back unchanged; any other field is left out, for the
 * strict decoder to report as unknown.
 */
final class RingHashDeserializer
    extends StdDeserializer<LoadBalancerSettingsConsistentHashLBRingHash> {
  static final String MINIMUM_RING_SIZE = "minimumRingSize";

  RingHashDeserializer() {
    super(LoadBalancerSettingsConsistentHashLBRingHash.class);
  }

  @Override
  public LoadBalancerSettingsConsistentHashLBRingHash deserialize(
      JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode body = context.readTree(parser);
    if (!body.isObject()) {
      return (LoadBalancerSettingsConsistentHashLBRingHash)
          context.handleUnexpectedToken(LoadBalancerSettingsConsistentHashLBRingHash.class, parser);
    }
    LoadBalancerSettingsConsistentHashLBRingHash ringHash =
        new LoadBalancerSettingsConsistentHashLBRingHash();
    JsonNode size = body.get(MINIMUM_RING_SIZE);
    if (size != null && !size.isNull()) {
      try {
        ringHash.setAdditionalProperty(
            MINIMUM_RING_SIZE, context.readTreeAsValue(size, Long.class));
      } catch (JsonMappingException e) {
        throw JsonMappingException.wrapWithPath(e, ringHash, MINIMUM_RING_SIZE);
      }
    }
    return ringHash;
  }

  /** The body carries no type to deduce: read it as itself. */
  @Override
  public Object deserializeWithType(
      JsonParser parser, DeserializationContext context, TypeDeserializer typeDeserializer)
      throws IOException {
    return deserialize(parser, context);
  }
}
