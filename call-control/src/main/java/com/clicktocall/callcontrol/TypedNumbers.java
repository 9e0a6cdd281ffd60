package com.clicktocall.callcontrol;

import com.clicktocall.model.dial.PhoneNumbers;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what people type into E.164 with libphonenumber: separators removed, a leading {@code 00} read
 * as {@code +}, a number without a country code read as North American. Whether the number may be
 * dialled is the dial policy's question, not this class's.
 */
final class TypedNumbers {

    /** Longer input is refused before any parsing: nobody types 40 characters for a phone number. */
    static final int MAX_INPUT_LENGTH = 40;

    /** Separators people put in numbers: blanks, dashes, dots, slashes, parentheses. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0\\-./()]");
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9]{1,20}");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private TypedNumbers() {
    }

    /** The E.164 form of {@code typed}, whether or not the number is assigned; empty when it cannot be a phone number. */
    static Optional<String> toE164(String typed) {
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
            PhoneNumber number = UTIL.parse(digits, PhoneNumbers.DEFAULT_REGION);
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
