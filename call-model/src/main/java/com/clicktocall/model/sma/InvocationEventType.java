package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why the SIP media application invoked the handler (see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html">Understanding telephony events</a>). Unknown values read as {@link #UNKNOWN}: AWS may add some at any time. */
public enum InvocationEventType {
    NEW_INBOUND_CALL("NEW_INBOUND_CALL"),
    NEW_OUTBOUND_CALL("NEW_OUTBOUND_CALL"),
    RINGING("RINGING"),
    CALL_ANSWERED("CALL_ANSWERED"),
    ACTION_SUCCESSFUL("ACTION_SUCCESSFUL"),
    ACTION_FAILED("ACTION_FAILED"),
    ACTION_INTERRUPTED("ACTION_INTERRUPTED"),
    HANGUP("HANGUP"),
    INVALID_LAMBDA_RESPONSE("INVALID_LAMBDA_RESPONSE"),
    DIGITS_RECEIVED("DIGITS_RECEIVED"),
    CALL_UPDATE_REQUESTED("CALL_UPDATE_REQUESTED"),
    UNKNOWN("UNKNOWN");

    private final String wireName;

    InvocationEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it appears on the wire. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static InvocationEventType fromWire(String value) {
        for (InvocationEventType candidate : values()) {
            if (candidate.wireName.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
