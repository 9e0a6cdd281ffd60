package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where {@code CallAndBridge} sends the B leg: a PSTN number (Uri E.164, no Arn) or a Voice Connector (Arn required). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BridgeEndpoint(
        @JsonProperty("BridgeEndpointType") String bridgeEndpointType,
        @JsonProperty("Uri") String uri,
        @JsonProperty("Arn") String arn) {

    public static final String PSTN = "PSTN";
    public static final String AWS = "AWS";

    public static BridgeEndpoint pstn(String e164) {
        return new BridgeEndpoint(PSTN, e164, null);
    }

    public static BridgeEndpoint voiceConnector(String number, String voiceConnectorArn) {
        return new BridgeEndpoint(AWS, number, voiceConnectorArn);
    }
}
