package com.clicktocall.model.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /dial}: the number as the person typed it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record DialRequest(String toNumber) {
}
