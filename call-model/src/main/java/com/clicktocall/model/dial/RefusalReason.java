package com.clicktocall.model.dial;

/** Why a destination was refused; {@link #code()} is the stable error code the API returns. */
public enum RefusalReason {
    /** No number was given. */
    NUMBER_MISSING("number_missing"),
    /** Not a phone number, or not one that exists in its numbering plan. */
    NUMBER_INVALID("number_invalid"),
    /** A valid number outside the allowed regions (countries and territories). */
    DESTINATION_NOT_ALLOWED("destination_not_allowed"),
    /** A valid number inside a blocked prefix (premium or high-cost range). */
    DESTINATION_BLOCKED("destination_blocked"),
    /** A premium-rate or shared-cost number, whatever the lists say. */
    PREMIUM_RATE("premium_rate_number"),
    /** A personal (follow-me), universal-access or voicemail-access number, whatever the lists say. */
    NUMBER_TYPE_NOT_ALLOWED("number_type_not_allowed");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
