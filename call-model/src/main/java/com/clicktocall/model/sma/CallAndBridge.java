package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Calls one endpoint and bridges it to the A leg. When one leg hangs up, the other does not hang up
 * by itself: the handler must do it.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html">CallAndBridge</a>
 */
@RegisterForReflection
public record CallAndBridge(@JsonProperty("Parameters") Parameters parameters) implements Action {

    public static final String TYPE = "CallAndBridge";

    @Override
    public String type() {
        return TYPE;
    }

    public static CallAndBridge to(BridgeEndpoint endpoint, String callerIdNumber, int callTimeoutSeconds,
            Map<String, String> sipHeaders) {
        if (callTimeoutSeconds < SmaLimits.MIN_CALL_TIMEOUT_SECONDS || callTimeoutSeconds > SmaLimits.MAX_CALL_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("CallTimeoutSeconds must be " + SmaLimits.MIN_CALL_TIMEOUT_SECONDS
                    + "–" + SmaLimits.MAX_CALL_TIMEOUT_SECONDS + ", was " + callTimeoutSeconds);
        }
        return new CallAndBridge(new Parameters(callTimeoutSeconds, callerIdNumber, List.of(endpoint),
                sipHeaders == null || sipHeaders.isEmpty() ? null : Map.copyOf(sipHeaders)));
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(
            @JsonProperty("CallTimeoutSeconds") int callTimeoutSeconds,
            @JsonProperty("CallerIdNumber") String callerIdNumber,
            @JsonProperty("Endpoints") List<BridgeEndpoint> endpoints,
            @JsonProperty("SipHeaders") Map<String, String> sipHeaders) {
    }
}
