package com.clicktocall.model.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparing Cognito {@code sub}s: the one owner check of the SMA handler, call-status and the call guards. */
public final class Subs {

    private Subs() {
    }

    /**
     * Whether {@code other} is the call's owner {@code ownerSub}. Constant-time, so the comparison does not
     * tell a guesser how much of a sub was right; a missing or blank sub on either side is never the owner.
     */
    public static boolean same(String ownerSub, String other) {
        if (ownerSub == null || ownerSub.isBlank() || other == null || other.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(ownerSub.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));
    }
}
