package com.clicktocall.model.dial;

import com.clicktocall.model.dial.NumberingPlan.Classification;
import com.clicktocall.model.dial.NumberingPlan.NumberType;
import com.clicktocall.model.sma.CallArguments.Route;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which numbers may be dialled: the guard against toll fraud, applied by call-control to what a person
 * typed and again by the SMA handler before it bridges.
 *
 * <p>A destination is allowed only when it is a valid number whose <em>region</em> (ISO 3166 code, as
 * libphonenumber assigns it, from {@link NumberingPlan}) is in the allowed regions, whose type is not
 * one that costs the caller more than a call ({@link #REFUSED_TYPES}), and that starts with no prefix of
 * the block-list. Deciding by region rather than by calling code matters in North America: {@code +1}
 * is shared by 25 countries and territories, most of them billed at international rates.
 *
 * <p>A block-list prefix is {@code +} and digits, where {@code X} stands for any digit ({@code +1XXX976}
 * is every NANP 976 exchange). The Voice Connector's own number always routes to the Voice Connector.
 */
public final class DialPolicy {

    /** The United States and Canada. US territories (PR, GU, VI, AS, MP) are opt-in: some carriers rate them apart. */
    public static final List<String> DEFAULT_ALLOWED_REGIONS = List.of("US", "CA");

    /** NANP premium-rate and information ranges: 900 and 976 as area codes, and every 976 exchange. */
    public static final List<String> DEFAULT_BLOCK_LIST = List.of("+1900", "+1976", "+1XXX976");

    /** Number types refused whatever the region: the caller pays more than for a call, or reaches no one. */
    public static final Set<NumberType> REFUSED_TYPES = Set.of(NumberType.PREMIUM_RATE, NumberType.SHARED_COST,
            NumberType.PERSONAL_NUMBER, NumberType.UAN, NumberType.VOICEMAIL);

    private static final Pattern PREFIX = Pattern.compile("\\+[0-9X]{1,15}");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

    private final NumberingPlan plan;
    private final Set<String> allowedRegions;
    private final List<String> blockList;
    private final Optional<String> voiceConnectorNumber;

    /**
     * @param allowedRegions       ISO 3166 region codes, e.g. {@code US}, {@code CA}, {@code PR}
     * @param blockList            prefixes never dialled
     * @param voiceConnectorNumber the Voice Connector's number in E.164, when there is one
     * @throws IllegalArgumentException when a region is not one {@link NumberingPlan} knows, none is
     *         given, a prefix is not {@code +} followed by digits or {@code X}, or the Voice Connector
     *         number is not E.164
     */
    public DialPolicy(Collection<String> allowedRegions, List<String> blockList, Optional<String> voiceConnectorNumber) {
        this(NumberingPlan.shipped(), allowedRegions, blockList, voiceConnectorNumber);
    }

    DialPolicy(NumberingPlan plan, Collection<String> allowedRegions, List<String> blockList, Optional<String> voiceConnectorNumber) {
        this.plan = plan;
        this.allowedRegions = checkedRegions(plan, allowedRegions);
        this.blockList = checkedPrefixes(blockList);
        this.voiceConnectorNumber = voiceConnectorNumber.map(String::strip).filter(n -> !n.isEmpty()).map(n -> {
            if (!PhoneNumbers.E164.matcher(n).matches()) {
                throw new IllegalArgumentException("Voice Connector number '" + n + "' is not an E.164 number (+ and digits)");
            }
            return n;
        });
    }

    public static DialPolicy defaults(Optional<String> voiceConnectorNumber) {
        return new DialPolicy(DEFAULT_ALLOWED_REGIONS, DEFAULT_BLOCK_LIST, voiceConnectorNumber);
    }

    /**
     * The policy a function's settings describe ({@code CLICKTOCALL_DIAL_ALLOWED_REGIONS},
     * {@code CLICKTOCALL_DIAL_BLOCK_LIST}; absent means the defaults). call-control and the SMA handler
     * both read it so, and so decide alike.
     *
     * @throws IllegalArgumentException naming the variables, when a value is not acceptable
     */
    public static DialPolicy configured(Optional<List<String>> allowedRegions, Optional<List<String>> blockList,
                                        Optional<String> voiceConnectorNumber) {
        try {
            return new DialPolicy(allowedRegions.orElse(DEFAULT_ALLOWED_REGIONS), blockList.orElse(DEFAULT_BLOCK_LIST),
                    voiceConnectorNumber);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CLICKTOCALL_DIAL_ALLOWED_REGIONS or CLICKTOCALL_DIAL_BLOCK_LIST: " + e.getMessage(), e);
        }
    }

    /**
     * Decides whether {@code e164} may be dialled. Reading what a person typed into E.164 comes first,
     * and is not done here (call-control does it with libphonenumber).
     */
    public DialDecision decide(String e164) {
        if (e164 == null || e164.isBlank()) {
            return new DialDecision.Refused(RefusalReason.NUMBER_MISSING, "Enter the phone number to call.");
        }
        if (!PhoneNumbers.E164.matcher(e164).matches()) {
            return new DialDecision.Refused(RefusalReason.NUMBER_INVALID, "That is not a phone number.");
        }
        if (voiceConnectorNumber.isPresent() && voiceConnectorNumber.get().equals(e164)) {
            return new DialDecision.Allowed(e164, Route.VOICE_CONNECTOR);
        }
        Optional<Classification> classified = plan.classify(e164);
        if (classified.isEmpty()) {
            return notAllowed(e164);
        }
        Classification number = classified.get();
        if (!number.valid()) {
            return new DialDecision.Refused(RefusalReason.NUMBER_INVALID, e164 + " is not a valid phone number.");
        }
        if (REFUSED_TYPES.contains(number.type())) {
            boolean premium = number.type() == NumberType.PREMIUM_RATE || number.type() == NumberType.SHARED_COST;
            return new DialDecision.Refused(premium ? RefusalReason.PREMIUM_RATE : RefusalReason.NUMBER_TYPE_NOT_ALLOWED,
                    e164 + " is a " + describe(number.type()) + " number and cannot be called.");
        }
        if (!allowedRegions.contains(number.region())) {
            return notAllowed(e164);
        }
        Optional<String> blockedBy = blockList.stream().filter(prefix -> matches(prefix, e164)).findFirst();
        if (blockedBy.isPresent()) {
            return new DialDecision.Refused(RefusalReason.DESTINATION_BLOCKED,
                    e164 + " is in a blocked high-cost range (" + blockedBy.get() + ").");
        }
        return new DialDecision.Allowed(e164, Route.PSTN);
    }

    /** The allowed regions, sorted. */
    public Set<String> allowedRegions() {
        return allowedRegions;
    }

    public List<String> blockList() {
        return blockList;
    }

    private DialDecision notAllowed(String e164) {
        return new DialDecision.Refused(RefusalReason.DESTINATION_NOT_ALLOWED,
                e164 + " is outside the countries this service calls (" + String.join(", ", allowedRegions) + ").");
    }

    private static String describe(NumberType type) {
        return switch (type) {
            case PREMIUM_RATE -> "premium-rate";
            case SHARED_COST -> "shared-cost";
            case PERSONAL_NUMBER -> "personal (follow-me)";
            case UAN -> "universal access";
            case VOICEMAIL -> "voicemail access";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
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

    private static Set<String> checkedRegions(NumberingPlan plan, Collection<String> regions) {
        Set<String> cleaned = new TreeSet<>();
        for (String region : regions) {
            String code = region.strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (!REGION.matcher(code).matches() || !plan.regions().contains(code)) {
                throw new IllegalArgumentException("dial region '" + region.strip() + "' is not a region this service can call:"
                        + " use ISO 3166 codes of the North American Numbering Plan (" + String.join(",", plan.regions()) + ")");
            }
            cleaned.add(code);
        }
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("no dial region is allowed: nothing could be dialled");
        }
        return Collections.unmodifiableSet(cleaned);
    }

    private static List<String> checkedPrefixes(List<String> prefixes) {
        List<String> cleaned = prefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (String prefix : cleaned) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("dial block-list entry '" + prefix
                        + "' must be + followed by digits, X for any digit (e.g. +1900, +1XXX976)");
            }
        }
        return cleaned;
    }
}
