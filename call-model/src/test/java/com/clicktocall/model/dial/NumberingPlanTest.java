package com.clicktocall.model.dial;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.dial.NumberingPlan.Classification;
import com.clicktocall.model.dial.NumberingPlan.NumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NumberingPlanTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Path SHIPPED = Path.of("src/main/resources/com/clicktocall/model/dial", NumberingPlan.RESOURCE);

    private final NumberingPlan plan = NumberingPlan.shipped();

    @Test
    void shippedTable_isTheOneLibphonenumberOfThisBuildGenerates() throws IOException {
        String generated = NumberingPlanGenerator.generate();
        if (Boolean.getBoolean("numbering-plan.regenerate")) {
            Files.writeString(SHIPPED, generated, StandardCharsets.UTF_8);
        }
        String shipped;
        try (InputStream in = NumberingPlan.class.getResourceAsStream(NumberingPlan.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped)
                .as("%s is stale for libphonenumber %s: regenerate it (command in its header) and review the diff",
                        NumberingPlan.RESOURCE, NumberingPlanGenerator.libphonenumberVersion())
                .isEqualTo(generated);
    }

    @Test
    void coversEveryNanpRegion() {
        assertThat(plan.regions()).containsExactlyInAnyOrderElementsOf(UTIL.getRegionCodesForCountryCode(1));
        assertThat(plan.source()).isEqualTo("libphonenumber " + NumberingPlanGenerator.libphonenumberVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.clicktocall.model.dial.NanpExamples#all")
    void everyNanpExample_isClassifiedAsLibphonenumberDoes(NanpExamples.Example example) {
        assertThat(plan.classify(example.e164())).contains(libphonenumber(example.e164()));
    }

    @Test
    void threeHundredThousandRandomNanpNumbers_areClassifiedAsLibphonenumberDoes() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 300_000; i++) {
            // Mostly well-formed NXX-NXX-XXXX (where the patterns differ), some anything at all.
            long national = i % 10 == 0 ? random.nextLong(10_000_000_000L)
                    : (2 + random.nextInt(8)) * 300_000_000L + random.nextInt(100) * 10_000_000L
                            + (2 + random.nextInt(8)) * 300_000L + random.nextInt(1_000_000);
            String e164 = "+1" + national;
            assertThat(plan.classify(e164)).as(e164).contains(libphonenumber(e164));
        }
    }

    @Test
    void otherCallingCodes_areUnknownToTheTable() {
        assertThat(plan.classify("+442079460958")).isEmpty();
        assertThat(plan.classify("+861012345678")).isEmpty();
        assertThat(plan.classify("12065550100")).isEmpty();
        assertThat(plan.classify(null)).isEmpty();
    }

    static Classification libphonenumber(String e164) {
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, "ZZ");
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            throw new AssertionError(e);
        }
        if (!UTIL.isValidNumber(number)) {
            return new Classification(null, NumberType.UNKNOWN);
        }
        return new Classification(UTIL.getRegionCodeForNumber(number), NumberType.valueOf(UTIL.getNumberType(number).name()));
    }
}
