package com.clicktocall.localstack.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One function as the local Lambda service runs it.
 *
 * @param artifact    the packaged function: a {@code function.zip} or an unpacked directory
 * @param handler     the handler string ({@code _HANDLER}); for JVM artifacts the class and method the
 *                    runtime interface client loads
 * @param environment the function's variables, as the template gives them (stack values filled in)
 * @param timeout     Lambda's function timeout: a longer invocation is stopped and fails
 * @param memoryMb    memory size; the JVM heap limit follows it
 */
public record FunctionSpec(String name, Path artifact, String handler, Map<String, String> environment, Duration timeout,
        int memoryMb) {

    /** The handler of every Quarkus Lambda function of the project. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MEMORY_MB = 512;

    public FunctionSpec {
        environment = Map.copyOf(environment);
    }
}
