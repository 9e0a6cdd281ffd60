package com.clicktocall.localstack.sip;

import java.time.Duration;
import java.util.Map;

/**
 * One outbound call: to {@code toNumber} at {@code target}, from {@code callerIdNumber}, with extra SIP
 * {@code headers} (the {@code x-} headers of CallAndBridge). With no final answer within
 * {@code ringTimeout} the call is cancelled and {@link SipCallListener#notAnswered()} is reported.
 */
public record InviteRequest(SipTarget target, String callerIdNumber, String toNumber, Map<String, String> headers,
        Duration ringTimeout) {

    public InviteRequest {
        headers = Map.copyOf(headers);
    }
}
