package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

public enum CallStatus {
    @JsonProperty("Connected")
    CONNECTED,
    @JsonProperty("Disconnected")
    DISCONNECTED,
    @JsonEnumDefaultValue
    UNKNOWN
}
