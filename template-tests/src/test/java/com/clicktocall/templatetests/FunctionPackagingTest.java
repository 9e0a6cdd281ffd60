package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each function points at what its module's build produces, and runs the way the SMA's 5 s budget needs. */
class FunctionPackagingTest {

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private final SamTemplate template = SamTemplate.load();

    static List<String> functions() {
        return SamTemplate.load().functions();
    }

    @Test
    void template_declaresTheFunctions_twoOfThemFromCallGuards() {
        assertThat(functions().stream().map(f -> SamTemplate.load().module(f)))
                .containsExactlyInAnyOrder("call-control", "update-call", "call-status", "sma-handler", "pre-sign-up",
                        "provisioning", "call-guards", "call-guards");
    }

    @ParameterizedTest
    @MethodSource("functions")
    void codeUri_isTheModulesFunctionZip(String function) {
        String module = template.module(function);
        assertThat(template.properties(function)).containsEntry("CodeUri", module + "/target/function.zip");
        assertThat(SamTemplate.ROOT.resolve(module).resolve("pom.xml")).exists();
        assertThat(SamTemplate.read(module + "/pom.xml"))
                .as("%s builds a Lambda with the Quarkus extension", module)
                .contains("<artifactId>quarkus-amazon-lambda")
                .contains("<artifactId>quarkus-maven-plugin</artifactId>");
    }

    @ParameterizedTest
    @MethodSource("functions")
    void handler_isQuarkusStreamHandler_andExists(String function) throws Exception {
        assertThat(template.functionProperty(function, "Handler")).contains(HANDLER);
        String[] parts = HANDLER.split("::");
        Class<?> handler = Class.forName(parts[0]);
        assertThat(handler.getMethod(parts[1], InputStream.class, OutputStream.class,
                Class.forName("com.amazonaws.services.lambda.runtime.Context"))).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void builtZip_holdsWhatTheRuntimeLoads(String function) throws IOException {
        Path zip = SamTemplate.ROOT.resolve(template.module(function)).resolve("target/function.zip");
        assumeTrue(Files.exists(zip), zip + " is not built in this run (mvn package builds it)");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<String> names = archive.stream().map(ZipEntry::getName).toList();
            boolean nativeBuild = names.contains("bootstrap");
            // JVM: the runner's classes at the root (Lambda's Java layout) and the dependencies in lib/,
            // among them the extension that holds the handler.
            boolean jvmBuild = names.contains("io/quarkus/runner/GeneratedMain.class")
                    && names.stream().anyMatch(n -> n.matches("lib/io\\.quarkus\\.quarkus-amazon-lambda-\\d.*\\.jar"));
            assertThat(nativeBuild || jvmBuild)
                    .as("%s holds `bootstrap` (native) or the runner classes and lib/ (JVM)", zip)
                    .isTrue();
        }
    }

    @Test
    void runtime_isNativeByDefault_andJava21WithSnapStartOnRequest() {
        Map<String, Object> globals = template.functionGlobals();
        assertThat(globals.get("Runtime")).isEqualTo(Map.of("Fn::If", List.of("UseJvm", "java21", "provided.al2023")));
        assertThat(SamTemplate.map(globals.get("SnapStart")).get("ApplyOn"))
                .isEqualTo(Map.of("Fn::If", List.of("UseJvm", "PublishedVersions", "None")));
        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(SamTemplate.map(template.section("Parameters").get("FunctionPackaging")))
                .containsEntry("Default", "native")
                .containsEntry("AllowedValues", List.of("native", "jvm"));
        assertThat(template.section("Conditions").get("UseJvm"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "FunctionPackaging"), "jvm")));
    }

    @Test
    void smaHandler_answersWithinTheSmaRetryWindow() {
        assertThat(timeout("SmaHandlerFunction")).isLessThanOrEqualTo(5);
        assertThat(memory("SmaHandlerFunction")).isGreaterThanOrEqualTo(1024);
    }

    @Test
    void timeouts_fitWhatWaitsForEachFunction() {
        // API Gateway gives up after 29 s; Cognito waits 5 s for a trigger.
        assertThat(timeout("CallControlFunction")).isLessThan(29);
        assertThat(timeout("UpdateCallFunction")).isLessThan(29);
        assertThat(timeout("PreSignUpFunction")).isLessThanOrEqualTo(5);
        // The provisioning function keeps 20 s for answering CloudFormation; it needs time for orders.
        assertThat(timeout("ProvisioningFunction")).isBetween(120, 900);
        // meeting-events waits out a dropped caller (CallerRejoinSeconds, at most its MaxValue) and then ends the call.
        int longestRejoin = ((Number) SamTemplate.map(template.section("Parameters").get("CallerRejoinSeconds")).get("MaxValue")).intValue();
        assertThat(timeout("MeetingEventsFunction")).isGreaterThanOrEqualTo(longestRejoin + 15);
        // The sweeper runs every minute: one run is over before the next begins.
        assertThat(timeout("CallSweeperFunction")).isLessThan(60);
    }

    /** Modules that more than one function is built from: each function runs a named handler of its own. */
    @ParameterizedTest
    @MethodSource("functions")
    void functionsSharingAModule_runDistinctNamedHandlers(String function) {
        String module = template.module(function);
        List<String> sharing = functions().stream().filter(f -> template.module(f).equals(module)).toList();
        Object handler = template.environment(function).get("QUARKUS_LAMBDA_HANDLER");
        if (sharing.size() == 1) {
            // Alone in its module: the module's application.properties names its handler.
            assertThat(handler).as("%s needs no QUARKUS_LAMBDA_HANDLER", function).isNull();
            return;
        }
        assertThat(handler).as("%s shares %s with %s", function, module, sharing).isInstanceOf(String.class);
        assertThat(sharing.stream().map(f -> template.environment(f).get("QUARKUS_LAMBDA_HANDLER")).distinct())
                .as("handlers of %s", sharing).hasSameSizeAs(sharing);
        assertThat(String.valueOf(SamTemplate.map(template.properties(function).get("FunctionName")).get("Fn::Sub")))
                .endsWith("-" + handler);
        assertThat(FunctionModules.classes(module).stream()
                .map(c -> c.getAnnotation(jakarta.inject.Named.class)).filter(java.util.Objects::nonNull).map(jakarta.inject.Named::value))
                .as("%s declares the handler %s", module, handler).contains(String.valueOf(handler));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyFunction_logsToItsOwnGroupWithRetention(String function) {
        Object logGroupRef = SamTemplate.map(template.properties(function).get("LoggingConfig")).get("LogGroup");
        String logGroup = String.valueOf(SamTemplate.map(logGroupRef).get("Ref"));
        assertThat(template.type(logGroup)).isEqualTo("AWS::Logs::LogGroup");
        Map<String, Object> group = template.properties(logGroup);
        assertThat(group.get("RetentionInDays")).isEqualTo(Map.of("Ref", "LogRetentionDays"));
        String functionName = String.valueOf(SamTemplate.map(template.properties(function).get("FunctionName")).get("Fn::Sub"));
        assertThat(group.get("LogGroupName")).isEqualTo(Map.of("Fn::Sub", "/aws/lambda/" + functionName));
        // A function's name is its module's, or (in a module with several) its named handler's.
        Object handler = template.environment(function).get("QUARKUS_LAMBDA_HANDLER");
        assertThat(functionName).endsWith("-" + (handler != null ? handler : template.module(function)));
    }

    private int timeout(String function) {
        return ((Number) template.functionProperty(function, "Timeout").orElseThrow()).intValue();
    }

    private int memory(String function) {
        return ((Number) template.functionProperty(function, "MemorySize").orElseThrow()).intValue();
    }
}
