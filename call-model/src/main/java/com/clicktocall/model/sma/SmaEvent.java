package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One invocation of the SMA handler. {@code ErrorType}/{@code ErrorMessage} appear at the top level
 * only on {@code INVALID_LAMBDA_RESPONSE}.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html">Understanding telephony events</a>
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SmaEvent(
        @JsonProperty("SchemaVersion") String schemaVersion,
        @JsonProperty("Sequence") Integer sequence,
        @JsonProperty("InvocationEventType") InvocationEventType invocationEventType,
        @JsonProperty("ActionData") ActionData actionData,
        @JsonProperty("CallDetails") CallDetails callDetails,
        @JsonProperty("ErrorType") String errorType,
        @JsonProperty("ErrorMessage") String errorMessage) {

    /** The transaction id, or null when the event carries none. */
    public String transactionId() {
        return callDetails == null ? null : callDetails.transactionId();
    }
}
