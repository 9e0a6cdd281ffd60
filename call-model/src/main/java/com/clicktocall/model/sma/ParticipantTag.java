package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The leg a participant is on: LEG-A is the call the SMA placed (here: into the meeting), LEG-B the bridged one. Unknown values read as {@link #UNKNOWN}: AWS may add some at any time. */
public enum ParticipantTag {
    LEG_A("LEG-A"),
    LEG_B("LEG-B"),
    UNKNOWN("UNKNOWN");

    private final String wireName;

    ParticipantTag(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it appears on the wire. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ParticipantTag fromWire(String value) {
        for (ParticipantTag candidate : values()) {
            if (candidate.wireName.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }

    public ParticipantTag other() {
        return switch (this) {
            case LEG_A -> LEG_B;
            case LEG_B -> LEG_A;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
