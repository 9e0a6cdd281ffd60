package com.clicktocall.model.ledger;

import java.util.Optional;

/**
 * Where a call stands in the call ledger. A call only moves forward through these states, in this
 * order, and may skip any of them on its way to {@link #ENDED}; the writers' conditions enforce it
 * (see {@code docs/CALL-LEDGER.md}).
 */
public enum CallState {

    /** call-control accepted the dial and is creating the meeting and the SMA call. */
    DIALLING("dialling"),
    /** The SMA handler sent {@code CallAndBridge}: the far end is being called. */
    RINGING("ringing"),
    /** {@code CallAndBridge} succeeded: the far end answered. */
    CONNECTED("connected"),
    /** The call is over; {@link EndReason} says why. */
    ENDED("ended");

    private final String wireName;

    CallState(String wireName) {
        this.wireName = wireName;
    }

    /** The value stored in the ledger and returned by {@code GET /calls/{transactionId}}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<CallState> fromWire(String value) {
        for (CallState state : values()) {
            if (state.wireName.equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
