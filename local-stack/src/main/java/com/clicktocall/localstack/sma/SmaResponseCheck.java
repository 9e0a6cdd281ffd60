package com.clicktocall.localstack.sma;

import com.clicktocall.model.sma.SmaLimits;
import com.clicktocall.model.sma.SmaResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the handler's response as the PSTN Audio service does before it applies any of it: a JSON object
 * of the right schema version, at most {@link SmaLimits#MAX_ACTIONS_PER_RESPONSE} actions of known types,
 * and transaction attributes within their limits. The actions' parameters are checked later, one by one,
 * by {@link ActionRules}.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html">Using transaction attributes</a>
 */
final class SmaResponseCheck {

    static final String INVALID_RESPONSE = "InvalidResponse";

    /** The outcome of checking one response. */
    sealed interface Checked {
    }

    /**
     * A response to apply: its actions replace the pending ones and its attributes the stored ones; an empty
     * one leaves them as they are.
     */
    record Valid(Optional<List<JsonNode>> actions, Optional<Map<String, String>> attributes) implements Checked {
    }

    /** A response that changes nothing: the handler is told {@code errorType} in an {@code INVALID_LAMBDA_RESPONSE}. */
    record Invalid(String errorType, String errorMessage) implements Checked {
    }

    private SmaResponseCheck() {
    }

    static Checked check(JsonNode response) {
        if (response == null || !response.isObject()) {
            return new Invalid(INVALID_RESPONSE, "The response is not a JSON object");
        }
        JsonNode version = response.get("SchemaVersion");
        if (version != null && !version.isNull() && !SmaResponse.SCHEMA_VERSION.equals(version.asText())) {
            return new Invalid(INVALID_RESPONSE, "SchemaVersion must be " + SmaResponse.SCHEMA_VERSION + ", was " + version);
        }
        JsonNode actions = response.get("Actions");
        if (actions != null && !actions.isNull()) {
            if (!actions.isArray()) {
                return new Invalid(INVALID_RESPONSE, "Actions must be a list");
            }
            if (actions.size() > SmaLimits.MAX_ACTIONS_PER_RESPONSE) {
                return new Invalid("TooManyActions", "Actions has " + actions.size() + " actions. Maximum number of actions is "
                        + SmaLimits.MAX_ACTIONS_PER_RESPONSE);
            }
            for (JsonNode action : actions) {
                if (!action.isObject() || !action.path("Type").isTextual()) {
                    return new Invalid(INVALID_RESPONSE, "every action needs a Type");
                }
                if (!ActionRules.known(action.path("Type").asText())) {
                    return new Invalid("InvalidActionType", "Unknown action type " + action.path("Type").asText());
                }
            }
        }
        JsonNode attrs = response.get("TransactionAttributes");
        Map<String, String> newAttributes = null;
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                return new Invalid("TransactionAttributesInvalidMapSize", "TransactionAttributes must be a map of strings");
            }
            if (attrs.size() > SmaLimits.MAX_TRANSACTION_ATTRIBUTES) {
                return new Invalid("TransactionAttributesInvalidMapSize", "Transaction Attributes has too many mappings. "
                        + "Maximum number of mappings is " + SmaLimits.MAX_TRANSACTION_ATTRIBUTES);
            }
            newAttributes = new LinkedHashMap<>();
            int bytes = 0;
            var fields = attrs.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getValue().isTextual()) {
                    return new Invalid("TransactionAttributesInvalidMapSize", "TransactionAttributes." + field.getKey() + " must be a string");
                }
                bytes += field.getKey().getBytes(StandardCharsets.UTF_8).length
                        + field.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
                newAttributes.put(field.getKey(), field.getValue().asText());
            }
            if (bytes > SmaLimits.MAX_TRANSACTION_ATTRIBUTES_BYTES) {
                return new Invalid("TransactionAttributesInvalidMapSize", "Transaction Attributes are " + bytes
                        + " bytes. Maximum size is " + SmaLimits.MAX_TRANSACTION_ATTRIBUTES_BYTES + " bytes");
            }
        }
        Optional<List<JsonNode>> newActions = Optional.empty();
        if (actions != null && !actions.isNull()) {
            List<JsonNode> list = new ArrayList<>(actions.size());
            actions.forEach(list::add);
            newActions = Optional.of(list);
        }
        return new Valid(newActions, Optional.ofNullable(newAttributes));
    }
}
