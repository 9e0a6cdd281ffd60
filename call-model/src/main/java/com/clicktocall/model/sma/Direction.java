package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which way a leg was placed. Unknown values read as {@link #UNKNOWN}: AWS may add some at any time. */
public enum Direction {
    INBOUND("Inbound"),
    OUTBOUND("Outbound"),
    UNKNOWN("UNKNOWN");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it appears on the wire. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Direction fromWire(String value) {
        for (Direction candidate : values()) {
            if (candidate.wireName.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
