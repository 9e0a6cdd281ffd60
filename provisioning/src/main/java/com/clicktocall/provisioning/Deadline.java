package com.clicktocall.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment by which the work must stop so that CloudFormation still gets an answer before the
 * Lambda is killed: the invocation's remaining time minus a margin for sending the response.
 */
public record Deadline(Instant at, Clock clock) {

    public static Deadline fromRemaining(long remainingMillis, Duration margin, Clock clock) {
        long usable = Math.max(0, remainingMillis - margin.toMillis());
        return new Deadline(clock.instant().plusMillis(usable), clock);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean passed() {
        return remaining().isZero();
    }
}
