package com.clicktocall.model.dial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The part of libphonenumber's metadata the dial policy needs, without libphonenumber: for each
 * region of the calling codes in {@link #RESOURCE} (the North American Numbering Plan, {@code +1}),
 * the leading digits and the national-number patterns of each number type. {@link #classify} applies
 * them as libphonenumber's {@code getRegionCodeForNumber} and {@code getNumberType} do, so the SMA
 * handler re-checks a destination in microseconds without loading libphonenumber on its cold start.
 *
 * <p>The resource is generated from libphonenumber ({@code NumberingPlanGenerator} in this module's
 * tests) and a test fails when it no longer matches the libphonenumber version of the build. Patterns
 * are compiled per region, on the region's first use.
 */
public final class NumberingPlan {

    /** The generated table, next to this class. */
    public static final String RESOURCE = "numbering-plan.tsv";

    /** libphonenumber's number types, in the order its {@code getNumberType} tests them. */
    public enum NumberType {
        PREMIUM_RATE, TOLL_FREE, SHARED_COST, VOIP, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL,
        FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, UNKNOWN;

        /** The types that decide a number's type before fixed line and mobile are looked at. */
        static final List<NumberType> SPECIAL = List.of(PREMIUM_RATE, TOLL_FREE, SHARED_COST, VOIP, PERSONAL_NUMBER, PAGER,
                UAN, VOICEMAIL);
    }

    /**
     * What a number is: its region (ISO 3166 code) and type.
     *
     * @param region the region, or null when the number is valid in none of its calling code's regions
     * @param type   {@link NumberType#UNKNOWN} exactly when {@code region} is null
     */
    public record Classification(String region, NumberType type) {

        static final Classification INVALID = new Classification(null, NumberType.UNKNOWN);

        public boolean valid() {
            return region != null;
        }
    }

    /** The name of the general description in the table; the types are named by {@link #key}. */
    public static final String GENERAL = "general";

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private final String source;
    /** Calling code → its regions, the main region first (the order libphonenumber tries them in). */
    private final Map<Integer, List<Region>> callingCodes;
    private final Set<String> regionCodes;

    private NumberingPlan(String source, Map<Integer, List<Region>> callingCodes) {
        this.source = source;
        this.callingCodes = callingCodes;
        Set<String> codes = new TreeSet<>();
        callingCodes.values().forEach(regions -> regions.forEach(r -> codes.add(r.code)));
        this.regionCodes = Collections.unmodifiableSet(codes);
    }

    /** The table shipped with this module, read once. */
    public static NumberingPlan shipped() {
        return Shipped.PLAN;
    }

    /** What the table was generated from, e.g. {@code libphonenumber 9.0.19}. */
    public String source() {
        return source;
    }

    /** Every region the table knows, e.g. {@code US}, {@code CA}, {@code JM}. */
    public Set<String> regions() {
        return regionCodes;
    }

    /**
     * Classifies an E.164 number.
     *
     * @return empty when the number is not E.164 or its calling code is not in the table (nothing is
     *         known about it); otherwise its region and type, {@link Classification#INVALID} when the
     *         number is not a valid number of any of the calling code's regions
     */
    public Optional<Classification> classify(String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            return Optional.empty();
        }
        for (int length = 1; length <= 3 && length < e164.length(); length++) {
            List<Region> regions = callingCodes.get(Integer.parseInt(e164.substring(1, 1 + length)));
            if (regions != null) {
                return Optional.of(classify(regions, e164.substring(1 + length)));
            }
        }
        return Optional.empty();
    }

    private static Classification classify(List<Region> regions, String national) {
        // libphonenumber's getRegionCodeForNumberFromRegionList, then getNumberTypeHelper for that region.
        for (Region region : regions) {
            if (regions.size() > 1 && region.leadingDigitsRegex != null) {
                if (region.leadingDigits().matcher(national).lookingAt()) {
                    NumberType type = region.type(national);
                    return type == NumberType.UNKNOWN ? Classification.INVALID : new Classification(region.code, type);
                }
            } else {
                NumberType type = region.type(national);
                if (type != NumberType.UNKNOWN) {
                    return new Classification(region.code, type);
                }
            }
        }
        return Classification.INVALID;
    }

    /** Reads a table in the generated format (see {@code NumberingPlanGenerator}). */
    public static NumberingPlan read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String source = "unknown";
        Map<Integer, List<String>> codes = new LinkedHashMap<>();
        Map<String, Region> regions = new LinkedHashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "source" -> source = f[1];
                case "calling-code" -> codes.put(Integer.parseInt(f[1]), List.of(f[2].split(",")));
                case "region" -> regions.put(f[1], new Region(f[1], f[2].isEmpty() ? null : f[2], Boolean.parseBoolean(f[3])));
                case "desc" -> regions.get(f[1]).add(f[2], new Desc(lengths(f[3]), f[4]));
                default -> throw new IOException("unknown numbering plan line: " + f[0]);
            }
        }
        Map<Integer, List<Region>> callingCodes = new LinkedHashMap<>();
        codes.forEach((code, regionCodes) -> callingCodes.put(code, regionCodes.stream().map(regions::get).toList()));
        return new NumberingPlan(source, callingCodes);
    }

    private static int[] lengths(String field) {
        if (field.isEmpty()) {
            return new int[0];
        }
        String[] parts = field.split(",");
        int[] lengths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            lengths[i] = Integer.parseInt(parts[i]);
        }
        return lengths;
    }

    /** A type's possible lengths (none listed: any) and national-number pattern, compiled on first use. */
    private static final class Desc {
        private final int[] lengths;
        private final String regex;
        private volatile Pattern pattern;

        Desc(int[] lengths, String regex) {
            this.lengths = lengths;
            this.regex = regex;
        }

        /** libphonenumber's isNumberMatchingDesc. */
        boolean matches(String national) {
            if (lengths.length > 0) {
                boolean possible = false;
                for (int length : lengths) {
                    possible |= length == national.length();
                }
                if (!possible) {
                    return false;
                }
            }
            Pattern compiled = pattern;
            if (compiled == null) {
                compiled = Pattern.compile(regex);
                pattern = compiled; // two threads may both compile it: harmless, and volatile publishes it safely
            }
            return compiled.matcher(national).matches();
        }
    }

    private static final class Region {
        private final String code;
        private final String leadingDigitsRegex;
        private final boolean sameMobileAndFixedLine;
        private final Map<NumberType, Desc> descs = new EnumMap<>(NumberType.class);
        private Desc general;
        private volatile Pattern leadingDigitsPattern;

        Region(String code, String leadingDigits, boolean sameMobileAndFixedLine) {
            this.code = code;
            this.leadingDigitsRegex = leadingDigits;
            this.sameMobileAndFixedLine = sameMobileAndFixedLine;
        }

        void add(String name, Desc desc) {
            if (GENERAL.equals(name)) {
                general = desc;
            } else {
                descs.put(NumberType.valueOf(name.toUpperCase(Locale.ROOT)), desc);
            }
        }

        Pattern leadingDigits() {
            Pattern compiled = leadingDigitsPattern;
            if (compiled == null) {
                compiled = Pattern.compile(leadingDigitsRegex);
                leadingDigitsPattern = compiled;
            }
            return compiled;
        }

        /** libphonenumber's getNumberTypeHelper. */
        NumberType type(String national) {
            if (general == null || !general.matches(national)) {
                return NumberType.UNKNOWN;
            }
            for (NumberType special : NumberType.SPECIAL) {
                if (matches(special, national)) {
                    return special;
                }
            }
            if (matches(NumberType.FIXED_LINE, national)) {
                return sameMobileAndFixedLine || matches(NumberType.MOBILE, national)
                        ? NumberType.FIXED_LINE_OR_MOBILE : NumberType.FIXED_LINE;
            }
            if (!sameMobileAndFixedLine && matches(NumberType.MOBILE, national)) {
                return NumberType.MOBILE;
            }
            return NumberType.UNKNOWN;
        }

        private boolean matches(NumberType desc, String national) {
            Desc d = descs.get(desc);
            return d != null && d.matches(national);
        }
    }

    /** The name of a type in the table: {@code premium_rate}, {@code fixed_line}, .... */
    public static String key(NumberType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static final class Shipped {
        static final NumberingPlan PLAN = load();

        private static NumberingPlan load() {
            try (InputStream in = NumberingPlan.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from call-model");
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
