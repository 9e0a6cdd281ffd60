package com.clicktocall.pbx;

import static com.clicktocall.pbx.BootstrapSandbox.SECRET;
import static com.clicktocall.pbx.BootstrapSandbox.SECRET_PARAMETER;
import static com.clicktocall.pbx.BootstrapSandbox.deploymentValues;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bootstrap.sh --render-only: every template rendered from the stack's values, loudly or not at all. */
class RenderOnlyTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");

    @TempDir
    Path work;

    private BootstrapSandbox sandbox() {
        return new BootstrapSandbox(work.resolve("sandbox")).withStoredSecret(SECRET);
    }

    @Test
    void validValues_renderEveryTemplateWithNoPlaceholderLeft() throws IOException {
        Path out = work.resolve("out");
        sandbox().renderOnly(out, deploymentValues()).assertSucceeded();

        List<String> templates = fileNames(BootstrapSandbox.TEMPLATES);
        assertThat(templates).contains("pjsip.conf", "extensions.conf", "rtp.conf", "http.conf", "logger.conf");
        assertThat(fileNames(out)).containsExactlyInAnyOrderElementsOf(templates);
        for (String name : templates) {
            String rendered = Files.readString(out.resolve(name));
            assertThat(rendered).as(name).doesNotContain("{{");
            assertThat(PLACEHOLDER.matcher(rendered).find()).as(name).isFalse();
        }
    }

    @Test
    void everyPlaceholderInTheTemplates_isFilledWithItsValue() throws IOException {
        Path out = work.resolve("out");
        sandbox().renderOnly(out, deploymentValues()).assertSucceeded();

        String pjsip = Files.readString(out.resolve("pjsip.conf"));
        String template = Files.readString(BootstrapSandbox.TEMPLATES.resolve("pjsip.conf"));
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            String name = placeholders.group(1);
            String expected = switch (name) {
                case "AGENT_SECRET" -> SECRET;
                case "AGENT_NAME" -> "agent";
                case "VOICE_CONNECTOR_MATCH" -> deploymentValues().get("VOICE_CONNECTOR_HOST");
                default -> deploymentValues().get(name);
            };
            assertThat(expected).as("a value for {{%s}}", name).isNotNull();
            assertThat(pjsip).as("{{%s}}", name).contains(expected);
        }
        assertThat(Files.readString(out.resolve("extensions.conf"))).contains("exten => +12065550100,1,");
        assertThat(Files.readString(out.resolve("rtp.conf"))).contains("10.0.0.12 => 198.51.100.7");
    }

    @Test
    void theSecret_isRenderedButNeverPrintedNorPassedOnACommandLine() throws IOException {
        BootstrapSandbox sandbox = sandbox();
        Path out = work.resolve("out");
        BootstrapSandbox.Result result = sandbox.renderOnly(out, deploymentValues()).assertSucceeded();

        assertThat(Files.readString(out.resolve("pjsip.conf"))).contains("password=" + SECRET);
        assertThat(result.output()).isNotBlank().doesNotContain(SECRET);
        assertThat(sandbox.awsLog()).contains("ssm get-parameter --name " + SECRET_PARAMETER + " --with-decryption")
                .doesNotContain(SECRET);
    }

    @Test
    void renderedFiles_areNotReadableByOtherUsers() throws IOException {
        Path out = work.resolve("out");
        sandbox().renderOnly(out, deploymentValues()).assertSucceeded();

        assertThat(Files.getPosixFilePermissions(out.resolve("pjsip.conf")))
                .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void renderingTwice_givesTheSameFiles() throws IOException {
        BootstrapSandbox sandbox = sandbox();
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        sandbox.renderOnly(first, deploymentValues()).assertSucceeded();
        sandbox.renderOnly(second, deploymentValues()).assertSucceeded();
        sandbox.renderOnly(second, deploymentValues()).assertSucceeded();

        for (String name : fileNames(first)) {
            assertThat(Files.readString(second.resolve(name))).as(name).isEqualTo(Files.readString(first.resolve(name)));
        }
    }

    @Test
    void missingValue_failsNamingItAndRendersNothing() {
        Map<String, String> values = deploymentValues();
        values.remove("PHONE_NUMBER");
        Path out = work.resolve("out");

        BootstrapSandbox.Result result = sandbox().renderOnly(out, values);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("PHONE_NUMBER is not set");
        assertThat(out).doesNotExist();
    }

    @Test
    void malformedValues_areAllReportedAtOnce() {
        Map<String, String> values = deploymentValues();
        values.put("PUBLIC_IP", "198.51.100.300");
        values.put("PHONE_NUMBER", "206-555-0100");
        values.put("VOICE_CONNECTOR_HOST", "evil.example;password=x");

        BootstrapSandbox.Result result = sandbox().renderOnly(work.resolve("out"), values);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("PUBLIC_IP='198.51.100.300' is not valid", "PHONE_NUMBER='206-555-0100' is not valid",
                "VOICE_CONNECTOR_HOST='evil.example;password=x' is not valid");
    }

    @Test
    void missingSecretParameter_failsWithoutCreatingOneInRenderOnlyMode() {
        BootstrapSandbox sandbox = new BootstrapSandbox(work.resolve("sandbox"));
        Path out = work.resolve("out");

        BootstrapSandbox.Result result = sandbox.renderOnly(out, deploymentValues());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("could not read the agent secret " + SECRET_PARAMETER, "ParameterNotFound");
        assertThat(sandbox.storedSecret()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void secretThatWouldBreakTheConfiguration_isRefusedWithoutBeingShown() {
        String broken = "abcdefghijklmnop;context=from-voice-connector";
        BootstrapSandbox sandbox = new BootstrapSandbox(work.resolve("sandbox")).withStoredSecret(broken);

        BootstrapSandbox.Result result = sandbox.renderOnly(work.resolve("out"), deploymentValues());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("the agent secret in " + SECRET_PARAMETER + " must be");
        assertThat(result.output()).doesNotContain(broken);
    }

    @Test
    void rotatingTheSecret_storesANewSecureStringAndRendersIt() throws IOException {
        BootstrapSandbox sandbox = sandbox();
        Path out = work.resolve("out");

        BootstrapSandbox.Result result = sandbox.renderOnly(out, deploymentValues(), "--rotate-agent-secret").assertSucceeded();

        String rotated = sandbox.storedSecret().orElseThrow();
        assertThat(rotated).isNotEqualTo(SECRET).matches("[A-Za-z0-9]{32}");
        assertThat(Files.readString(out.resolve("pjsip.conf"))).contains("password=" + rotated).doesNotContain(SECRET);
        assertThat(result.output()).doesNotContain(rotated);
        assertThat(sandbox.awsLog()).contains("ssm put-parameter --cli-input-json file://").doesNotContain(rotated);
    }

    @Test
    void unknownPlaceholderInATemplate_failsLoudly() throws IOException {
        Path templates = work.resolve("templates");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("pjsip.conf"), "[global]\ntype=global\nuser_agent={{USER_AGENT}}\n");
        Map<String, String> values = deploymentValues();
        values.put("PBX_TEMPLATE_DIR", templates.toString());
        Path out = work.resolve("out");

        BootstrapSandbox.Result result = sandbox().renderOnly(out, values);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("pjsip.conf uses {{USER_AGENT}}, which is not a known value");
        assertThat(out).doesNotExist();
    }

    @Test
    void malformedPlaceholderInATemplate_failsLoudly() throws IOException {
        Path templates = work.resolve("templates");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("rtp.conf"), "[general]\nrtpstart={{ RTP_PORT_START }}\n");
        Map<String, String> values = deploymentValues();
        values.put("PBX_TEMPLATE_DIR", templates.toString());

        BootstrapSandbox.Result result = sandbox().renderOnly(work.resolve("out"), values);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("rtp.conf has a malformed placeholder");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
