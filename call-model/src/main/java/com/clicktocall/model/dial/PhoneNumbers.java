package com.clicktocall.model.dial;

import java.util.regex.Pattern;

/** The shapes of phone numbers on the wire. Reading what people type is call-control's job (libphonenumber). */
public final class PhoneNumbers {

    /** Numbers without a country code are read as North American. */
    public static final String DEFAULT_REGION = "US";

    /** The phone-number pattern of the Chime SDK APIs. */
    public static final Pattern CHIME_E164 = Pattern.compile("^\\+?[1-9]\\d{1,14}$");

    /** E.164 with the plus sign, as the dial policy, CallAndBridge and CallerIdNumber take it. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private PhoneNumbers() {
    }
}
