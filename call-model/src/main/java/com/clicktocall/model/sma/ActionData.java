package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * What an event is about: the action that succeeded or failed ({@code Type} is the action's type,
 * {@code ErrorType}/{@code ErrorMessage} set on failure), a hang-up ({@code Type} "Hangup"), or the
 * request that started ({@code CallCreateRequest}) or updated ({@code CallUpdateRequest}) the call.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionData(
        @JsonProperty("Type") String type,
        @JsonProperty("Parameters") ActionDataParameters parameters,
        @JsonProperty("ErrorType") String errorType,
        @JsonProperty("ErrorMessage") String errorMessage) {

    public static final String CALL_CREATE_REQUEST = "CallCreateRequest";
    public static final String CALL_UPDATE_REQUEST = "CallUpdateRequest";

    /** The {@code Arguments} of a create or update request, never null. */
    public Map<String, String> arguments() {
        if (parameters == null || parameters.arguments() == null) {
            return Map.of();
        }
        return parameters.arguments();
    }

    public boolean isType(String actionType) {
        return actionType.equals(type);
    }
}
