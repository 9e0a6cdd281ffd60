package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The leg a participant is on: LEG-A is the call the SMA placed (here: into the meeting), LEG-B the bridged one. */
public enum ParticipantTag {
    @JsonProperty("LEG-A")
    LEG_A,
    @JsonProperty("LEG-B")
    LEG_B,
    @JsonEnumDefaultValue
    UNKNOWN;

    /** The tag as it appears on the wire ("LEG-A", "LEG-B"). */
    public String wireName() {
        return switch (this) {
            case LEG_A -> "LEG-A";
            case LEG_B -> "LEG-B";
            case UNKNOWN -> "UNKNOWN";
        };
    }

    public ParticipantTag other() {
        return switch (this) {
            case LEG_A -> LEG_B;
            case LEG_B -> LEG_A;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
