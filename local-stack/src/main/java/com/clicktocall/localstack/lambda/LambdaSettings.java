package com.clicktocall.localstack.lambda;

import java.nio.file.Path;
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
 */
public record LambdaSettings(Path runtimeInterfaceClient, String javaCommand, List<String> jvmOptions, Path runDirectory,
        int maxInstancesPerFunction, boolean echoFunctionOutput, String region, String accountId) {

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
