package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The handler's answer. {@code Actions}: null keeps what is pending, a list replaces it, empty means
 * nothing to do. {@code TransactionAttributes}: null keeps what is stored, a map replaces it.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html">Responding to invocations</a>
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"SchemaVersion", "Actions", "TransactionAttributes"})
public record SmaResponse(
        @JsonProperty("SchemaVersion") String schemaVersion,
        @JsonProperty("Actions") List<Action> actions,
        @JsonProperty("TransactionAttributes") Map<String, String> transactionAttributes) {

    public static final String SCHEMA_VERSION = "1.0";

    public SmaResponse {
        if (actions != null && actions.size() > SmaLimits.MAX_ACTIONS_PER_RESPONSE) {
            throw new IllegalArgumentException("at most " + SmaLimits.MAX_ACTIONS_PER_RESPONSE + " actions per response");
        }
        actions = actions == null ? null : List.copyOf(actions);
        transactionAttributes = transactionAttributes == null ? null : Map.copyOf(transactionAttributes);
    }

    /** Nothing to do; stored attributes kept. */
    public static SmaResponse noActions() {
        return new SmaResponse(SCHEMA_VERSION, List.of(), null);
    }

    public static SmaResponse of(List<Action> actions) {
        return new SmaResponse(SCHEMA_VERSION, actions, null);
    }

    public static SmaResponse of(List<Action> actions, Map<String, String> transactionAttributes) {
        return new SmaResponse(SCHEMA_VERSION, actions, transactionAttributes);
    }
}
