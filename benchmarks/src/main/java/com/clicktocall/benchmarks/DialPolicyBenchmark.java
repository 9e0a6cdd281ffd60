package com.clicktocall.benchmarks;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dial policy's check of one E.164 number, two ways: call-model's {@link DialPolicy} (the
 * generated numbering-plan table, what the SMA handler runs) and the same decision asked of
 * libphonenumber (parse, validate, region, type). {@code benchmarks/run-jmh.sh DialPolicyBenchmark}
 * gives the warm per-number cost; {@link FirstUse} is the cost of the first check in a fresh JVM,
 * class loading and table or metadata loading included ({@code benchmarks/dial-policy-first-use.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DialPolicyBenchmark {

    /** US (allowed), Canada (allowed), Jamaica (refused by region), premium rate (refused by type). */
    @Param({"+12025550143", "+14165550199", "+18762345678", "+19002345678"})
    String number;

    private DialPolicy table;
    private LibphonenumberPolicy libphonenumber;

    @Setup
    public void setUp() {
        table = DialPolicy.defaults(Optional.empty());
        libphonenumber = new LibphonenumberPolicy();
    }

    @Benchmark
    public boolean table() {
        return table.decide(number) instanceof DialDecision.Allowed;
    }

    @Benchmark
    public boolean libphonenumber() {
        return libphonenumber.allows(number);
    }

    /** The same region and type rules, asked of libphonenumber (block-list aside: it costs the same both ways). */
    static final class LibphonenumberPolicy {
        private static final Set<String> REGIONS = Set.of("US", "CA");
        private static final Set<PhoneNumberType> REFUSED = Set.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
                PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL);
        private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

        boolean allows(String e164) {
            PhoneNumber parsed;
            try {
                parsed = util.parse(e164, "ZZ");
            } catch (NumberParseException e) {
                return false;
            }
            return util.isValidNumber(parsed) && REGIONS.contains(util.getRegionCodeForNumber(parsed))
                    && !REFUSED.contains(util.getNumberType(parsed));
        }
    }

    /**
     * The first check in a fresh JVM (one fork per sample): what a cold start pays. Nothing is loaded
     * in a setup method, so the measured call loads the classes and the table or the metadata itself.
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Fork(value = 15, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:TieredStopAtLevel=1"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, batchSize = 1)
    public static class FirstUse {

        @Benchmark
        public boolean table() {
            return DialPolicy.defaults(Optional.empty()).decide("+12025550143") instanceof DialDecision.Allowed;
        }

        @Benchmark
        public boolean libphonenumber() {
            return new LibphonenumberPolicy().allows("+12025550143");
        }
    }
}
