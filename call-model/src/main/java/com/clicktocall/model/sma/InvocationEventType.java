package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why the SIP media application invoked the handler.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html">Understanding telephony events</a>
 */
public enum InvocationEventType {
    NEW_INBOUND_CALL,
    NEW_OUTBOUND_CALL,
    RINGING,
    CALL_ANSWERED,
    ACTION_SUCCESSFUL,
    ACTION_FAILED,
    ACTION_INTERRUPTED,
    HANGUP,
    INVALID_LAMBDA_RESPONSE,
    DIGITS_RECEIVED,
    CALL_UPDATE_REQUESTED,
    /** An event type this code does not know yet: AWS may add some at any time. */
    @JsonEnumDefaultValue
    UNKNOWN
}
