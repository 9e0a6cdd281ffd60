package com.clicktocall.model.ledger;

/** How a call went, in the four words the metrics use as a dimension ({@link EndReason#outcome(boolean)}). */
public enum CallOutcome {

    /** The far end answered; the call then ended for any reason but a failure. */
    ANSWERED("answered"),
    /** The far end was busy or did not answer. */
    UNANSWERED("unanswered"),
    /** The caller went (or never came) before the far end answered. */
    ABANDONED("abandoned"),
    /** The call could not be placed or carried on, or was stuck. */
    FAILED("failed");

    private final String wireName;

    CallOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
