package com.clicktocall.localstack.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the local Lambda service runs functions.
 *
 * @param runtimeInterfaceClient   directory holding the runtime interface client and its dependencies
 * @param javaCommand              the {@code java} launcher for JVM artifacts (Java 21 or later)
 * @param jvmOptions               options for function JVMs
 * @param runDirectory             where unpacked code, logs and class-data archives go
 * @param maxInstancesPerFunction  concurrent execution environments per function
 * @param echoFunctionOutput       whether function output is printed in the console (it is always written to logs/)
 * @param idleInstanceTimeout      an instance beyond a function's first is stopped after this long without work
 */
public record LambdaSettings(Path runtimeInterfaceClient, String javaCommand, List<String> jvmOptions, Path runDirectory,
        int maxInstancesPerFunction, boolean echoFunctionOutput, String region, String accountId, Duration idleInstanceTimeout) {

    public static final Duration DEFAULT_IDLE_INSTANCE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long an invocation waits for a busy instance to come free before another instance is started.
     * Most invocations take tens of milliseconds warm; a JVM's cold start takes about a second of both
     * cores and would slow the warm instance down, so a short burst is better served by waiting.
     */
    public static final Duration SCALE_OUT_DELAY = Duration.ofMillis(150);

    public LambdaSettings(Path runtimeInterfaceClient, String javaCommand, List<String> jvmOptions, Path runDirectory,
            int maxInstancesPerFunction, boolean echoFunctionOutput, String region, String accountId) {
        this(runtimeInterfaceClient, javaCommand, jvmOptions, runDirectory, maxInstancesPerFunction, echoFunctionOutput, region,
                accountId, DEFAULT_IDLE_INSTANCE_TIMEOUT);
    }

    /**
     * Start-up options close to Lambda's Java runtime (tiered compilation stopped at C1, serial GC). No
     * class-data archive: the JVM refuses to write one for a class path with a directory in it, and the
     * function's own root directory is on it, as in Lambda.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED");

    /** Unpacked artifacts, shared by runs: a zip is unpacked once per content (size and modification time). */
    public Path codeCache() {
        Path parent = runDirectory.toAbsolutePath().getParent();
        return (parent == null ? runDirectory : parent).resolve("function-code");
    }

    public LambdaSettings {
        jvmOptions = List.copyOf(jvmOptions);
        if (maxInstancesPerFunction < 1) {
            throw new IllegalArgumentException("at least one instance per function, was " + maxInstancesPerFunction);
        }
    }
}
