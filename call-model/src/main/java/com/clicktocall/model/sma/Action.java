package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An action returned to the SMA: {@code {"Type": "...", "Parameters": {...}}}. Immutable; build a new
 * one per response (never share mutable action objects between invocations).
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/specify-actions.html">Actions</a>
 */
@JsonPropertyOrder({"Type", "Parameters"})
public sealed interface Action permits CallAndBridge, SendDigits, Hangup, Pause {

    @JsonProperty("Type")
    String type();
}
