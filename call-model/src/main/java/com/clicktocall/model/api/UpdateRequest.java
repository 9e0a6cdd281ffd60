package com.clicktocall.model.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /update}: {@code update} is {@code "digits"} (with {@code digits}) or
 * {@code "end"}; see {@link com.clicktocall.model.sma.UpdateKind}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateRequest(String transactionId, String update, String digits) {
}
