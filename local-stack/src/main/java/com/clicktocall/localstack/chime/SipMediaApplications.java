package com.clicktocall.localstack.chime;

import java.util.Map;

/** The SIP media application side of the Chime SDK Voice control plane (implemented by the SMA engine). */
public interface SipMediaApplications {

    /**
     * Starts a call from the SMA; returns its transaction id at once.
     *
     * @throws ChimeException 404 for an unknown SMA, 400 for invalid input
     */
    String createCall(String sipMediaApplicationId, String fromPhoneNumber, String toPhoneNumber, Map<String, String> sipHeaders,
            Map<String, String> arguments);

    /**
     * Delivers CALL_UPDATE_REQUESTED to the SMA's handler, asynchronously.
     *
     * @throws ChimeException 404 for an unknown SMA or transaction (or one that has ended)
     */
    void updateCall(String sipMediaApplicationId, String transactionId, Map<String, String> arguments);
}
