package com.clicktocall.api;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the Chime SDK clients throw into the API's named failures. */
public final class ChimeFailures {

    private static final Logger LOG = Logger.getLogger(ChimeFailures.class);

    /** Error types that mean "try again later" rather than "this request is wrong". */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "ThrottledClientException", "ServiceUnavailableException", "ThrottlingException", "TooManyRequestsException");

    private ChimeFailures() {
    }

    /** The Chime error type (the {@code x-amzn-ErrorType} of the answer), or empty text when none. */
    public static String errorType(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return "";
    }

    /** Whether Chime answered that the thing named in the request does not exist. */
    public static boolean isNotFound(SdkException e) {
        return e instanceof AwsServiceException service
                && (service.statusCode() == 404 || "NotFoundException".equals(errorType(e)));
    }

    /** The API failure for {@code e}, thrown by {@code operation}; logs the Chime error type. */
    public static ApiException translate(String operation, SdkException e) {
        ApiException failure = classify(operation, e);
        LOG.warnf("chime operation=%s status=%s errorType=%s outcome=%s", operation,
                e instanceof AwsServiceException service ? service.statusCode() : "-",
                errorType(e).isEmpty() ? e.getClass().getSimpleName() : errorType(e), failure.code());
        return failure;
    }

    private static ApiException classify(String operation, SdkException e) {
        if (isTimeout(e)) {
            return new ChimeTimeoutException(operation, e);
        }
        if (e instanceof AwsServiceException service) {
            if (service.statusCode() == 429 || service.statusCode() == 503 || TRANSIENT_TYPES.contains(errorType(e))) {
                return new ChimeUnavailableException(operation, e);
            }
            return new ChimeFailureException(operation, e);
        }
        if (hasCause(e, IOException.class)) {
            return new ChimeUnavailableException(operation, e);
        }
        return new ChimeFailureException(operation, e);
    }

    private static boolean isTimeout(SdkException e) {
        return e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, SocketTimeoutException.class);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
