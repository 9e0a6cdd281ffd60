package com.clicktocall.ledger;

/**
 * Where a call stands for the sweeper ({@link LedgerTable#SWEEP_KIND}). Each writer that moves a call sets
 * it with the time of the move ({@link LedgerTable#SWEEP_SINCE}); the sweeper asks the
 * {@link LedgerTable#BY_SWEEP_DUE} index for the calls of a kind that have been there too long.
 */
public enum SweepKind {

    /** Dialling or ringing, since the dial: ended as {@code stuck} past the longest setup. */
    SETUP("setup"),
    /** Connected, since the answer: ended as {@code time-limit} past {@code MaxCallMinutes}. */
    CONNECTED("connected"),
    /** Ended, since the end: the sweeper deletes the call's meeting if it still exists, then takes the call off its list. */
    TEARDOWN("teardown");

    private final String wireName;

    SweepKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
