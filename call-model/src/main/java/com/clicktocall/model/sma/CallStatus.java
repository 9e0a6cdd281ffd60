package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a leg is up. Unknown values read as {@link #UNKNOWN}: AWS may add some at any time. */
public enum CallStatus {
    CONNECTED("Connected"),
    DISCONNECTED("Disconnected"),
    UNKNOWN("UNKNOWN");

    private final String wireName;

    CallStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it appears on the wire. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static CallStatus fromWire(String value) {
        for (CallStatus candidate : values()) {
            if (candidate.wireName.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
