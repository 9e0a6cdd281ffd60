package com.clicktocall.benchmarks;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One first check in a bare JVM, without JMH's harness (which loads much of the JDK before the first
 * sample): prints {@code table MICROS} or {@code libphonenumber MICROS}. {@code dial-policy-first-use.sh}
 * starts it once per sample.
 */
public final class DialPolicyFirstUse {

    private DialPolicyFirstUse() {
    }

    public static void main(String[] args) {
        String way = args.length == 0 ? "table" : args[0];
        // A function has its logging set up before any call; libphonenumber logs through java.util.logging.
        Logger.getLogger(DialPolicyFirstUse.class.getName()).fine("first use of the dial policy: " + way);
        long start = System.nanoTime();
        boolean allowed = switch (way) {
            case "table" -> DialPolicy.defaults(Optional.empty()).decide("+12025550143") instanceof DialDecision.Allowed;
            case "libphonenumber" -> new DialPolicyBenchmark.LibphonenumberPolicy().allows("+12025550143");
            default -> throw new IllegalArgumentException("table or libphonenumber, not " + way);
        };
        long micros = (System.nanoTime() - start) / 1_000;
        if (!allowed) {
            throw new IllegalStateException("+12025550143 should be allowed");
        }
        System.out.println(way + " " + micros);
    }
}
