package com.clicktocall.model.dial;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** libphonenumber's example numbers for every region of the North American Numbering Plan, each type it has. */
public final class NanpExamples {

    /**
     * One example number.
     *
     * @param type the type libphonenumber gave the example for, {@code null} for its general example
     */
    public record Example(String region, PhoneNumberType type, String e164) {
        @Override
        public String toString() {
            return region + " " + (type == null ? "example" : type.name().toLowerCase()) + " " + e164;
        }
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private NanpExamples() {
    }

    /** The NANP regions, from libphonenumber's supported regions. */
    public static Set<String> regions() {
        Set<String> regions = new LinkedHashSet<>();
        UTIL.getSupportedRegions().stream().sorted()
                .filter(region -> UTIL.getCountryCodeForRegion(region) == 1).forEach(regions::add);
        return regions;
    }

    public static Stream<Example> all() {
        List<Example> examples = new ArrayList<>();
        for (String region : regions()) {
            add(examples, region, null, UTIL.getExampleNumber(region));
            for (PhoneNumberType type : PhoneNumberType.values()) {
                if (type != PhoneNumberType.UNKNOWN) {
                    add(examples, region, type, UTIL.getExampleNumberForType(region, type));
                }
            }
        }
        return examples.stream();
    }

    private static void add(List<Example> examples, String region, PhoneNumberType type, PhoneNumber number) {
        if (number != null) {
            examples.add(new Example(region, type, UTIL.format(number, PhoneNumberFormat.E164)));
        }
    }
}
