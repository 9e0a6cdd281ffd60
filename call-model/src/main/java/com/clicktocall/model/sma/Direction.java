package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

public enum Direction {
    @JsonProperty("Inbound")
    INBOUND,
    @JsonProperty("Outbound")
    OUTBOUND,
    @JsonEnumDefaultValue
    UNKNOWN
}
