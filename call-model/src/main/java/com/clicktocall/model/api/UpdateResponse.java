package com.clicktocall.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /update} (202): the update was handed to the SMA, which acts on it
 * asynchronously; it does not prove the digits were played.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateResponse(String transactionId, String update, String digits) {
}
