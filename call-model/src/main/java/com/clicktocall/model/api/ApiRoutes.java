package com.clicktocall.model.api;

/** The HTTP routes of the click-to-call API, written once (JAX-RS resources, template tests, web client docs). */
public final class ApiRoutes {

    /** {@code POST}: {@link DialRequest} → {@link DialResponse}. */
    public static final String DIAL = "/dial";
    /** {@code POST}: {@link UpdateRequest} → 202 {@link UpdateResponse}. */
    public static final String UPDATE = "/update";

    private ApiRoutes() {
    }
}
