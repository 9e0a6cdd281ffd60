package com.clicktocall.model.dial;

import com.clicktocall.model.sma.CallArguments.Route;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which numbers a signed-in person may dial: the guard against toll fraud.
 *
 * <p>A number is allowed only when it is a valid number (libphonenumber), is not premium-rate or
 * shared-cost, starts with an allowed prefix <em>and</em> starts with no blocked prefix. A prefix is
 * {@code +} and digits, where {@code X} stands for any digit ({@code +1XXX976} is every NANP 976
 * exchange). The Voice Connector's own number always routes to the Voice Connector.
 */
public final class DialPolicy {

    /** North America only. */
    public static final List<String> DEFAULT_ALLOW_LIST = List.of("+1");

    /**
     * NANP premium ranges (900 and 976, as an area code and as an exchange) and the Caribbean area codes
     * with a history of toll fraud that the original sample excluded.
     */
    public static final List<String> DEFAULT_BLOCK_LIST = List.of(
            "+1900", "+1976", "+1XXX976",
            "+1268", "+1284", "+1473", "+1649", "+1664", "+1767", "+1809", "+1829", "+1849", "+1876");

    private static final Pattern PREFIX = Pattern.compile("\\+[0-9X]{1,15}");

    private final List<String> allowList;
    private final List<String> blockList;
    private final Optional<String> voiceConnectorNumber;

    /**
     * @throws IllegalArgumentException when a prefix is not {@code +} followed by digits or {@code X},
     *         the allow-list is empty, or the Voice Connector number is not a phone number
     */
    public DialPolicy(List<String> allowList, List<String> blockList, Optional<String> voiceConnectorNumber) {
        this.allowList = checkedPrefixes("allow-list", allowList);
        this.blockList = checkedPrefixes("block-list", blockList);
        if (this.allowList.isEmpty()) {
            throw new IllegalArgumentException("the dial allow-list is empty: nothing could be dialled");
        }
        this.voiceConnectorNumber = voiceConnectorNumber.filter(n -> !n.isBlank()).map(n -> PhoneNumbers.toE164(n)
                .orElseThrow(() -> new IllegalArgumentException("Voice Connector number '" + n + "' is not a phone number")));
    }

    public static DialPolicy defaults(Optional<String> voiceConnectorNumber) {
        return new DialPolicy(DEFAULT_ALLOW_LIST, DEFAULT_BLOCK_LIST, voiceConnectorNumber);
    }

    public DialDecision decide(String typed) {
        if (typed == null || typed.isBlank()) {
            return new DialDecision.Refused(RefusalReason.NUMBER_MISSING, "Enter the phone number to call.");
        }
        Optional<PhoneNumber> parsed = PhoneNumbers.parse(typed);
        if (parsed.isEmpty()) {
            return new DialDecision.Refused(RefusalReason.NUMBER_INVALID, "That is not a phone number.");
        }
        PhoneNumber number = parsed.get();
        String e164 = PhoneNumbers.e164(number);
        if (voiceConnectorNumber.isPresent() && voiceConnectorNumber.get().equals(e164)) {
            return new DialDecision.Allowed(e164, Route.VOICE_CONNECTOR);
        }
        if (!PhoneNumbers.util().isValidNumber(number)) {
            return new DialDecision.Refused(RefusalReason.NUMBER_INVALID, e164 + " is not a valid phone number.");
        }
        PhoneNumberType type = PhoneNumbers.util().getNumberType(number);
        if (type == PhoneNumberType.PREMIUM_RATE || type == PhoneNumberType.SHARED_COST) {
            return new DialDecision.Refused(RefusalReason.PREMIUM_RATE,
                    e164 + " is a " + (type == PhoneNumberType.PREMIUM_RATE ? "premium-rate" : "shared-cost")
                            + " number and cannot be called.");
        }
        if (allowList.stream().noneMatch(prefix -> matches(prefix, e164))) {
            return new DialDecision.Refused(RefusalReason.DESTINATION_NOT_ALLOWED,
                    e164 + " is outside the destinations this service calls (" + String.join(", ", allowList) + ").");
        }
        Optional<String> blockedBy = blockList.stream().filter(prefix -> matches(prefix, e164)).findFirst();
        if (blockedBy.isPresent()) {
            return new DialDecision.Refused(RefusalReason.DESTINATION_BLOCKED,
                    e164 + " is in a blocked high-cost range (" + blockedBy.get() + ").");
        }
        return new DialDecision.Allowed(e164, Route.PSTN);
    }

    public List<String> allowList() {
        return allowList;
    }

    public List<String> blockList() {
        return blockList;
    }

    /** Whether {@code e164} starts with {@code prefix}, {@code X} in the prefix matching any digit. */
    static boolean matches(String prefix, String e164) {
        if (e164.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char p = prefix.charAt(i);
            if (p != 'X' && p != e164.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> checkedPrefixes(String what, List<String> prefixes) {
        List<String> cleaned = prefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (String prefix : cleaned) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("dial " + what + " entry '" + prefix
                        + "' must be + followed by digits, X for any digit (e.g. +1, +1XXX976)");
            }
        }
        return cleaned;
    }
}
