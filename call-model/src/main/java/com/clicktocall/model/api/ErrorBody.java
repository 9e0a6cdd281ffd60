package com.clicktocall.model.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every API error: {@code error} is a stable code for programs, {@code message} is for a person. */
@RegisterForReflection
public record ErrorBody(String error, String message) {
}
