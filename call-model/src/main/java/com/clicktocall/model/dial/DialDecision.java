package com.clicktocall.model.dial;

import com.clicktocall.model.sma.CallArguments.Route;

/** The outcome of {@link DialPolicy#decide(String)}. */
public sealed interface DialDecision {

    /** The number may be dialled: {@code e164} on {@code route}. */
    record Allowed(String e164, Route route) implements DialDecision {
    }

    /** The number may not be dialled; {@code message} says why, for a person. */
    record Refused(RefusalReason reason, String message) implements DialDecision {
    }
}
