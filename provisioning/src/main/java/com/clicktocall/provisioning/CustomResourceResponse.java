package com.clicktocall.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** The body PUT to the request's pre-signed {@code ResponseURL}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomResourceResponse(
        @JsonProperty("Status") Status status,
        @JsonProperty("Reason") String reason,
        @JsonProperty("PhysicalResourceId") String physicalResourceId,
        @JsonProperty("StackId") String stackId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("LogicalResourceId") String logicalResourceId,
        @JsonProperty("Data") Map<String, String> data) {

    /** CloudFormation shows the reason in the stack events; it truncates long ones. */
    static final int MAX_REASON_LENGTH = 1_000;

    @RegisterForReflection
    public enum Status {
        SUCCESS, FAILED
    }

    static CustomResourceResponse success(CustomResourceRequest request, Outcome outcome) {
        return new CustomResourceResponse(Status.SUCCESS, null, outcome.physicalId(), request.stackId(),
                request.requestId(), request.logicalResourceId(), outcome.data());
    }

    static CustomResourceResponse failed(CustomResourceRequest request, String physicalId, String reason) {
        String shortened = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        return new CustomResourceResponse(Status.FAILED, shortened, physicalId, request.stackId(),
                request.requestId(), request.logicalResourceId(), null);
    }
}
