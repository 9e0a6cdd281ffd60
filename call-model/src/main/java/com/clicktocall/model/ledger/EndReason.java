package com.clicktocall.model.ledger;

import java.util.Optional;

/**
 * Why a call ended: the documented, closed set written to the ledger and returned by
 * {@code GET /calls/{transactionId}}. Clients show an unknown reason neutrally, so a reason can be added
 * without breaking them.
 */
public enum EndReason {

    /** The far end answered busy (SIP 486). */
    BUSY("busy"),
    /** The far end did not answer in time ({@code CallNotAnswered}, SIP 480 or 408). */
    NO_ANSWER("no-answer"),
    /** The call could not be placed or carried on: a refused destination, a Chime or SMA failure, an unknown outcome. */
    FAILED("failed"),
    /** The caller ended the call (hang-up from the page, or the caller's meeting leg went away). */
    CALLER_HUNG_UP("caller-hung-up"),
    /** The far end hung up after answering, or refused the call. */
    CALLEE_HUNG_UP("callee-hung-up"),
    /** The caller's browser did not join the meeting within {@code CallerJoinTimeoutSeconds}: the far end was never dialled. */
    CALLER_NEVER_JOINED("caller-never-joined"),
    /** The caller's browser left the meeting, or dropped and did not come back within {@code CallerRejoinSeconds}. */
    CALLER_LEFT("caller-left"),
    /** The call reached {@code MaxCallMinutes} and the sweeper ended it. */
    TIME_LIMIT("time-limit"),
    /** The call stayed in {@code dialling} or {@code ringing} longer than any call can, and the sweeper ended it. */
    STUCK("stuck");

    private final String wireName;

    EndReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The call's outcome for metrics, from its reason and whether it was ever answered: a closed set of
     * four, so that it can be a metric dimension.
     */
    public CallOutcome outcome(boolean answered) {
        return switch (this) {
            case FAILED, STUCK -> CallOutcome.FAILED;
            case BUSY, NO_ANSWER -> CallOutcome.UNANSWERED;
            case CALLER_NEVER_JOINED -> CallOutcome.ABANDONED;
            case CALLER_HUNG_UP, CALLEE_HUNG_UP, CALLER_LEFT, TIME_LIMIT -> answered ? CallOutcome.ANSWERED : CallOutcome.ABANDONED;
        };
    }

    public static Optional<EndReason> fromWire(String value) {
        for (EndReason reason : values()) {
            if (reason.wireName.equals(value)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /**
     * The reason a far end's SIP final response gives, for a leg that hung up before it was answered:
     * 486 busy, 480 and 408 no answer, anything else failed. A leg that ends normally (0) after
     * answering hung up.
     */
    public static EndReason ofFarEndHangup(String sipResponseCode) {
        return switch (sipResponseCode == null ? "" : sipResponseCode.strip()) {
            case "486", "600" -> BUSY;
            case "480", "408", "487" -> NO_ANSWER;
            case "", "0" -> CALLEE_HUNG_UP;
            default -> FAILED;
        };
    }
}
