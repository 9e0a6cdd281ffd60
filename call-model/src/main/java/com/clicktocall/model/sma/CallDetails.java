package com.clicktocall.model.sma;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallDetails(
        @JsonProperty("TransactionId") String transactionId,
        @JsonProperty("TransactionAttributes") Map<String, String> transactionAttributes,
        @JsonProperty("AwsAccountId") String awsAccountId,
        @JsonProperty("AwsRegion") String awsRegion,
        @JsonProperty("SipMediaApplicationId") String sipMediaApplicationId,
        @JsonProperty("SipRuleId") String sipRuleId,
        @JsonProperty("Participants") List<Participant> participants) {

    /** Legs are found by tag, never by position in the list. */
    public Optional<Participant> leg(ParticipantTag tag) {
        if (participants == null) {
            return Optional.empty();
        }
        return participants.stream().filter(p -> p != null && p.participantTag() == tag).findFirst();
    }

    /** The stored attributes, never null. */
    public Map<String, String> attributes() {
        return transactionAttributes == null ? Map.of() : transactionAttributes;
    }
}
