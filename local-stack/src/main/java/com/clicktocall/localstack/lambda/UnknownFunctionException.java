package com.clicktocall.localstack.lambda;

/** No function of that name is registered with the local Lambda service. */
public final class UnknownFunctionException extends RuntimeException {

    public UnknownFunctionException(String name) {
        super("Function not found: " + name, null, false, false);
    }
}
