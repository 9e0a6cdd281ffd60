package com.clicktocall.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A CloudFormation custom resource request, as CloudFormation sends it to the Lambda.
 * Property values arrive as strings (CloudFormation stringifies scalars).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomResourceRequest(
        @JsonProperty("RequestType") RequestType requestType,
        @JsonProperty("ResponseURL") String responseUrl,
        @JsonProperty("StackId") String stackId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("ResourceType") String resourceType,
        @JsonProperty("LogicalResourceId") String logicalResourceId,
        @JsonProperty("PhysicalResourceId") String physicalResourceId,
        @JsonProperty("ResourceProperties") Map<String, Object> resourceProperties,
        @JsonProperty("OldResourceProperties") Map<String, Object> oldResourceProperties) {

    @RegisterForReflection
    public enum RequestType {
        Create, Update, Delete
    }

    public ResourceProperties properties() {
        return new ResourceProperties(resourceProperties);
    }

    public ResourceProperties oldProperties() {
        return new ResourceProperties(oldResourceProperties);
    }
}
