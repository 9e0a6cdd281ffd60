package com.clicktocall.api;

/**
 * Thrown when a well-formed body holds a value the route cannot accept (a transaction id that is not
 * a UUID, an unknown update kind, a digit that is not DTMF). 400 with the field's own {@code code}.
 */
public final class InvalidFieldException extends ApiException {

    public InvalidFieldException(String code, String message) {
        super(400, code, message);
    }
}
