package com.clicktocall.model.dial;

import com.clicktocall.model.sma.SmaLimits;
import java.util.Locale;
import java.util.Optional;

/**
 * The digits {@code SendDigits} accepts: 1–50 of {@code 0-9 * # A-D}, and {@code ,} for a half-second
 * pause. Lower-case a–d are accepted from people and sent upper-case.
 */
public final class DtmfDigits {

    private DtmfDigits() {
    }

    /** Why {@code digits} is not a valid DTMF string, or empty when it is. */
    public static Optional<String> problem(String digits) {
        if (digits == null || digits.isEmpty()) {
            return Optional.of("no digits given");
        }
        if (digits.length() > SmaLimits.MAX_DIGITS) {
            return Optional.of("at most " + SmaLimits.MAX_DIGITS + " digits at a time, got " + digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!isDigit(digits.charAt(i))) {
                return Optional.of("'" + printable(digits.charAt(i)) + "' at position " + (i + 1)
                        + " is not a DTMF digit (0-9, *, #, A-D, or , to pause)");
            }
        }
        return Optional.empty();
    }

    public static boolean isValid(String digits) {
        return problem(digits).isEmpty();
    }

    /**
     * @return the digits upper-cased
     * @throws IllegalArgumentException when they are not valid
     */
    public static String normalise(String digits) {
        problem(digits).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return digits.toUpperCase(Locale.ROOT);
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || c == '*' || c == '#' || c == ','
                || (c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd');
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
}
