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
    void template_declaresTheFiveFunctions() {
        assertThat(functions().stream().map(f -> SamTemplate.load().module(f)))
                .containsExactlyInAnyOrder("call-control", "update-call", "call-status", "sma-handler", "pre-sign-up",
                        "provisioning");
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
        assertThat(functionName).endsWith("-" + template.module(function));
    }

    private int timeout(String function) {
        return ((Number) template.functionProperty(function, "Timeout").orElseThrow()).intValue();
    }

    private int memory(String function) {
        return ((Number) template.functionProperty(function, "MemorySize").orElseThrow()).intValue();
    }
}
