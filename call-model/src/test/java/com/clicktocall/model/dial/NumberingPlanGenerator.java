package com.clicktocall.model.dial;

import com.clicktocall.model.dial.NumberingPlan.NumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@link NumberingPlan}'s table from libphonenumber's metadata. Run by {@code NumberingPlanTest}
 * with {@code -Dnumbering-plan.regenerate=true}; the table's format is one tab-separated record per line:
 *
 * <pre>
 * source        libphonenumber VERSION
 * calling-code  CODE  REGION,REGION,...      (libphonenumber's order: the main region first)
 * region        REGION  LEADING-DIGITS-OR-EMPTY  SAME-MOBILE-AND-FIXED-LINE
 * desc          REGION  general|premium_rate|...  POSSIBLE-LENGTHS  NATIONAL-NUMBER-PATTERN
 * </pre>
 */
final class NumberingPlanGenerator {

    /** The calling codes in the table: the North American Numbering Plan. Add one and regenerate to cover more. */
    static final List<Integer> CALLING_CODES = List.of(1);

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private NumberingPlanGenerator() {
    }

    static String generate() {
        StringBuilder out = new StringBuilder();
        out.append("# Generated from libphonenumber's metadata by NumberingPlanGenerator (call-model tests): do not edit.\n");
        out.append("# Regenerate: ./mvnw -B -ntp -pl call-model -am test -Dtest=NumberingPlanTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dnumbering-plan.regenerate=true\n");
        out.append("source\tlibphonenumber ").append(libphonenumberVersion()).append('\n');
        for (int code : CALLING_CODES) {
            List<String> regions = UTIL.getRegionCodesForCountryCode(code);
            out.append("calling-code\t").append(code).append('\t').append(String.join(",", regions)).append('\n');
            for (String region : regions) {
                PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                        .getMetadataForRegion(region);
                out.append("region\t").append(region).append('\t').append(metadata.hasLeadingDigits() ? metadata.getLeadingDigits() : "")
                        .append('\t').append(metadata.getSameMobileAndFixedLinePattern()).append('\n');
                desc(out, region, NumberingPlan.GENERAL, metadata.getGeneralDesc());
                for (NumberType type : NumberType.values()) {
                    Function<PhoneMetadata, PhoneNumberDesc> of = descOf(type);
                    if (of != null) {
                        desc(out, region, NumberingPlan.key(type), of.apply(metadata));
                    }
                }
            }
        }
        return out.toString();
    }

    private static void desc(StringBuilder out, String region, String name, PhoneNumberDesc desc) {
        if (desc == null || desc.getNationalNumberPattern().isEmpty()) {
            return; // no number of this type: never matches, as in libphonenumber
        }
        out.append("desc\t").append(region).append('\t').append(name).append('\t')
                .append(desc.getPossibleLengthList().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append('\t').append(desc.getNationalNumberPattern()).append('\n');
    }

    private static Function<PhoneMetadata, PhoneNumberDesc> descOf(NumberType type) {
        return switch (type) {
            case PREMIUM_RATE -> PhoneMetadata::getPremiumRate;
            case TOLL_FREE -> PhoneMetadata::getTollFree;
            case SHARED_COST -> PhoneMetadata::getSharedCost;
            case VOIP -> PhoneMetadata::getVoip;
            case PERSONAL_NUMBER -> PhoneMetadata::getPersonalNumber;
            case PAGER -> PhoneMetadata::getPager;
            case UAN -> PhoneMetadata::getUan;
            case VOICEMAIL -> PhoneMetadata::getVoicemail;
            case FIXED_LINE -> PhoneMetadata::getFixedLine;
            case MOBILE -> PhoneMetadata::getMobile;
            case FIXED_LINE_OR_MOBILE, UNKNOWN -> null;
        };
    }

    static String libphonenumberVersion() {
        try (InputStream in = PhoneNumberUtil.class.getResourceAsStream(
                "/META-INF/maven/com.googlecode.libphonenumber/libphonenumber/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
