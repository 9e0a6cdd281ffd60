package com.clicktocall.localstack.http;

/**
 * A request the stack refuses, answered with {@code status}. {@code type} is the machine-readable
 * kind (an AWS error type on the AWS-shaped endpoints), the message is for a person.
 */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String type;

    public HttpProblem(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
