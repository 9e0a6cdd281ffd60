package com.clicktocall.model.api;

/** The HTTP routes of the click-to-call API, written once (JAX-RS resources, template tests, web client docs). */
public final class ApiRoutes {

    /** {@code POST}: {@link DialRequest} → {@link DialResponse}. */
    public static final String DIAL = "/dial";
    /** {@code POST}: {@link UpdateRequest} → 202 {@link UpdateResponse}. */
    public static final String UPDATE = "/update";
    /** The path parameter of {@link #CALL_STATUS}. */
    public static final String TRANSACTION_ID = "transactionId";
    /** {@code GET}: → {@link CallStatusResponse} of one of the caller's own calls, 404 for anyone else's. */
    public static final String CALL_STATUS = "/calls/{" + TRANSACTION_ID + "}";

    private ApiRoutes() {
    }
}
