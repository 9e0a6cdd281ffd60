package com.clicktocall.model.dial;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns what people type into a parsed number; shared by the dial policy and configuration checks. */
public final class PhoneNumbers {

    /** Numbers without a country code are read as North American. */
    public static final String DEFAULT_REGION = "US";

    /** The phone-number pattern of the Chime SDK APIs. */
    public static final Pattern CHIME_E164 = Pattern.compile("^\\+?[1-9]\\d{1,14}$");

    /** Longer input is refused before any parsing: nobody types 40 characters for a phone number. */
    static final int MAX_INPUT_LENGTH = 40;

    /** Separators people put in numbers: blanks, dashes, dots, slashes, parentheses. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0\\-./()]");
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9]{1,20}");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Parses {@code typed}: separators removed, a leading {@code 00} read as {@code +}, a number with
     * no country code read as North American. Does not say whether the number is valid.
     *
     * @return empty when the text cannot be a phone number
     */
    public static Optional<PhoneNumber> parse(String typed) {
        if (typed == null || typed.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(typed).replaceAll("");
        if (!DIALLABLE.matcher(digits).matches()) {
            return Optional.empty();
        }
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        }
        try {
            return Optional.of(UTIL.parse(digits, DEFAULT_REGION));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static String e164(PhoneNumber number) {
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /** The E.164 form of {@code typed}, whether or not the number is assigned; empty when unparseable. */
    public static Optional<String> toE164(String typed) {
        return parse(typed).map(PhoneNumbers::e164);
    }

    static PhoneNumberUtil util() {
        return UTIL;
    }
}
