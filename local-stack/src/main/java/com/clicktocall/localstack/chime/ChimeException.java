package com.clicktocall.localstack.chime;

import com.clicktocall.localstack.http.HttpProblem;

/** A Chime API error: {@code type} goes in {@code x-amzn-ErrorType}, the message in {@code {"Message": ...}}. */
public final class ChimeException extends HttpProblem {

    public ChimeException(int status, String type, String message) {
        super(status, type, message);
    }

    public static ChimeException badRequest(String message) {
        return new ChimeException(400, "BadRequestException", message);
    }

    public static ChimeException notFound(String message) {
        return new ChimeException(404, "NotFoundException", message);
    }

    public static ChimeException forbidden(String message) {
        return new ChimeException(403, "ForbiddenException", message);
    }
}
