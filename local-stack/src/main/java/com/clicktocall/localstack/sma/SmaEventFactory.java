package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.model.sma.Hangup;
import com.clicktocall.model.sma.InvocationEventType;
import com.clicktocall.model.sma.SmaResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds the events one SMA transaction sends its handler, numbered from 1, with the call details and
 * participants as the PSTN Audio service writes them, and their {@code ActionData}.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html">Understanding telephony events</a>
 */
final class SmaEventFactory {

    private final SmaSettings settings;
    private final String transactionId;
    private int sequence;

    SmaEventFactory(SmaSettings settings, String transactionId) {
        this.settings = settings;
        this.transactionId = transactionId;
    }

    /** The {@code Sequence} of the last event built: how often the handler has been invoked. */
    int sequence() {
        return sequence;
    }

    /**
     * The next event. LEG-A has no {@code Status} before it is answered; LEG-B is listed once it has answered
     * or ended.
     *
     * @param attributes the transaction attributes the handler last returned, {@code null} for none
     */
    ObjectNode next(InvocationEventType type, ObjectNode actionData, String errorType, String errorMessage,
            Map<String, String> attributes, CallLeg legA, CallLeg legB) {
        sequence++;
        ObjectNode event = Exchange.JSON.createObjectNode();
        event.put("SchemaVersion", SmaResponse.SCHEMA_VERSION);
        event.put("Sequence", sequence);
        event.put("InvocationEventType", type.wireName());
        if (actionData != null) {
            event.set("ActionData", actionData);
        }
        ObjectNode details = event.putObject("CallDetails");
        details.put("TransactionId", transactionId);
        if (attributes != null) {
            ObjectNode attrs = details.putObject("TransactionAttributes");
            attributes.forEach(attrs::put);
        }
        details.put("AwsAccountId", settings.accountId());
        details.put("AwsRegion", settings.region());
        details.put("SipMediaApplicationId", settings.sipMediaApplicationId());
        ArrayNode participants = details.putArray("Participants");
        participants.add(participant(legA, type != InvocationEventType.NEW_OUTBOUND_CALL && type != InvocationEventType.RINGING));
        if (legB != null && (legB.answered() || legB.ended())) {
            participants.add(participant(legB, true));
        }
        if (errorType != null) {
            event.put("ErrorType", errorType);
            event.put("ErrorMessage", errorMessage);
        }
        return event;
    }

    private static ObjectNode participant(CallLeg leg, boolean withStatus) {
        ObjectNode p = Exchange.JSON.createObjectNode();
        p.put("CallId", leg.callId);
        p.put("ParticipantTag", leg.tag.wireName());
        p.put("To", leg.to);
        p.put("From", leg.from);
        p.put("Direction", "Outbound");
        p.put("StartTimeInMilliseconds", Long.toString(leg.startMillis));
        if (withStatus) {
            p.put("Status", leg.connected() ? "Connected" : "Disconnected");
        }
        return p;
    }

    static ObjectNode actionData(String type, ObjectNode parameters) {
        ObjectNode data = Exchange.JSON.createObjectNode();
        data.put("Type", type);
        data.set("Parameters", parameters);
        return data;
    }

    /** The {@code Parameters} of {@code CallCreateRequest} and {@code CallUpdateRequest}: the API call's arguments. */
    static ObjectNode argumentsParameters(Map<String, String> arguments) {
        ObjectNode parameters = Exchange.JSON.createObjectNode();
        ObjectNode args = parameters.putObject("Arguments");
        arguments.forEach(args::put);
        return parameters;
    }

    /** The {@code ActionData} of an action's outcome: the action's type and a copy of its parameters. */
    static ObjectNode actionDataOf(JsonNode action) {
        ObjectNode data = Exchange.JSON.createObjectNode();
        data.put("Type", action.path("Type").asText());
        JsonNode parameters = action.path("Parameters");
        data.set("Parameters", parameters.isObject() ? parameters.deepCopy() : Exchange.JSON.createObjectNode());
        return data;
    }

    static ObjectNode failedActionData(JsonNode action, String errorType, String errorMessage) {
        ObjectNode data = actionDataOf(action);
        data.put("ErrorType", errorType);
        data.put("ErrorMessage", errorMessage);
        return data;
    }

    /** The {@code ActionData} of a {@code HANGUP} event: which leg went, and with what SIP code. */
    static ObjectNode hangupData(CallLeg leg, String code) {
        ObjectNode parameters = Exchange.JSON.createObjectNode();
        parameters.put("SipResponseCode", code);
        parameters.put("CallId", leg.callId);
        parameters.put("ParticipantTag", leg.tag.wireName());
        return actionData(Hangup.TYPE, parameters);
    }

    /** What the call timeline says of an event after its type and number, e.g. {@code  (Hangup LEG-B 486)}. */
    static String summary(ObjectNode actionData, String errorType) {
        if (errorType != null) {
            return " (" + errorType + ")";
        }
        if (actionData == null) {
            return "";
        }
        String type = actionData.path("Type").asText();
        String error = actionData.path("ErrorType").asText("");
        String tag = actionData.path("Parameters").path("ParticipantTag").asText("");
        String code = actionData.path("Parameters").path("SipResponseCode").asText("");
        return " (" + type + (tag.isEmpty() ? "" : " " + tag) + (code.isEmpty() ? "" : " " + code)
                + (error.isEmpty() ? "" : ": " + error) + ")";
    }
}
