package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy-site.sh against a stand-in AWS CLI that answers the stack's outputs and records
 * every call: the config.json it publishes, and what it uploads where.
 */
class DeploySiteScriptTest {

    private static final Map<String, String> OUTPUTS = Map.of(
            "SiteBucketName", "site-bucket",
            "SiteDistributionId", "E2EXAMPLE",
            "SiteUrl", "https://d111111abcdef8.cloudfront.net",
            "ApiUrl", "https://api.click-to-call.example/prod",
            "UserPoolId", "us-east-1_AbCdEfGhI",
            "UserPoolClientId", "1example23456789abcdefghij",
            "Region", "us-east-1",
            "CallerJoinTimeoutSeconds", "25");

    @TempDir
    Path work;

    @Test
    void withoutPbx_publishesTheSiteAndAConfigWithTheDocumentedKeys() throws Exception {
        Run run = run(OUTPUTS);

        assertThat(run.exitCode).as(run.output).isZero();
        JsonNode config = run.config();
        assertThat(fieldNames(config)).containsExactlyInAnyOrder("apiUrl", "region", "userPoolId", "userPoolClientId",
                "selfSignUp", "meetingLayer", "callerJoinTimeoutSeconds");
        assertThat(config.path("selfSignUp").isBoolean()).isTrue();
        assertThat(config.path("selfSignUp").asBoolean()).as("a stack without the SelfSignUp output").isFalse();
        assertThat(config.path("apiUrl").asText()).isEqualTo(OUTPUTS.get("ApiUrl"));
        assertThat(config.path("userPoolId").asText()).isEqualTo(OUTPUTS.get("UserPoolId"));
        assertThat(config.path("userPoolClientId").asText()).isEqualTo(OUTPUTS.get("UserPoolClientId"));
        assertThat(config.path("region").asText()).isEqualTo("us-east-1");
        assertThat(config.path("meetingLayer").asText()).isEqualTo("chime");
        assertThat(run.calls).anyMatch(c -> c.startsWith("s3 sync ") && c.contains("s3://site-bucket/site/") && c.contains("--delete"));
        assertThat(run.calls).anyMatch(c -> c.contains("s3://site-bucket/site/index.html") && c.contains("no-cache"));
        assertThat(run.calls).anyMatch(c -> c.contains("s3://site-bucket/site/agent.html") && c.contains("no-cache"));
        assertThat(run.calls).filteredOn(c -> c.contains("immutable")).isNotEmpty().allMatch(c -> c.contains("--exclude *.html"));
        assertThat(run.calls).noneMatch(c -> c.contains("/pbx/"));
        assertThat(run.calls).anyMatch(c -> c.startsWith("cloudfront create-invalidation --distribution-id E2EXAMPLE"));
    }

    @Test
    void callerJoinTimeout_reachesThePageAsANumber() throws Exception {
        Run run = run(OUTPUTS);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.config().path("callerJoinTimeoutSeconds").isInt()).isTrue();
        assertThat(run.config().path("callerJoinTimeoutSeconds").asInt()).isEqualTo(25);
        assertThat(SamTemplate.load().section("Outputs")).containsKey("CallerJoinTimeoutSeconds");
    }

    @Test
    void stackFromBeforeTheJoinTimeoutOutput_leavesTheKeyToThePagesDefault() throws Exception {
        Map<String, String> outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.remove("CallerJoinTimeoutSeconds");

        Run run = run(outputs);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.config().has("callerJoinTimeoutSeconds")).isFalse();
    }

    @Test
    void stackWithSelfSignUp_tellsThePageToOfferIt() throws Exception {
        Map<String, String> outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.put("SelfSignUp", "true");

        Run run = run(outputs);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.config().path("selfSignUp").asBoolean()).isTrue();
    }

    @Test
    void stackWithoutSelfSignUp_tellsThePageSignInOnly() throws Exception {
        Map<String, String> outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.put("SelfSignUp", "false");

        Run run = run(outputs);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.config().path("selfSignUp").asBoolean()).isFalse();
    }

    @Test
    void withPbx_uploadsTheBootstrapAndPrefillsThePbxNumber() throws Exception {
        Map<String, String> outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.put("PbxInstanceId", "i-0123456789abcdef0");
        outputs.put("PbxPhoneNumber", "+12065550111");

        Run run = run(outputs);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.config().path("defaultToNumber").asText()).isEqualTo("+12065550111");
        assertThat(run.calls).anyMatch(c -> c.contains("s3://site-bucket/pbx/bootstrap.sh"));
        assertThat(run.calls).anyMatch(c -> c.startsWith("s3 sync ") && c.contains("s3://site-bucket/pbx/asterisk/"));
        assertThat(run.config().has("softphone")).isFalse();
    }

    @Test
    void withTheSoftphoneOutputs_writesExactlyItsUrlAndAgentName_andNoSecret() throws Exception {
        Map<String, String> outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.put("PbxInstanceId", "i-0123456789abcdef0");
        outputs.put("SoftphoneWebSocketUrl", "wss://d111111abcdef8.cloudfront.net/ws");
        outputs.put("SoftphoneAgentName", "desk-1");
        outputs.put("SoftphoneSecretParameter", "/click-to-call/pbx/agent-secret");

        Run run = run(outputs);

        assertThat(run.exitCode).as(run.output).isZero();
        JsonNode softphone = run.config().path("softphone");
        assertThat(fieldNames(softphone)).containsExactlyInAnyOrder("webSocketUrl", "agentName");
        assertThat(softphone.path("webSocketUrl").asText()).isEqualTo("wss://d111111abcdef8.cloudfront.net/ws");
        assertThat(softphone.path("agentName").asText()).isEqualTo("desk-1");
        // The page never learns where the password is, let alone the password.
        assertThat(run.config().toString()).doesNotContain("agent-secret");
        assertThat(run.calls).noneMatch(c -> c.startsWith("ssm "));
    }

    @Test
    void softphoneKeys_areDocumentedInConfigurationMd() {
        String documentation = SamTemplate.read("docs/CONFIGURATION.md");
        assertThat(documentation).contains("`softphone.webSocketUrl`", "`softphone.agentName`");
    }

    @Test
    void softphoneKeys_areReadFromOutputsTheTemplateDeclares() {
        String script = SamTemplate.read("scripts/deploy-site.sh");
        java.util.regex.Matcher read = java.util.regex.Pattern.compile("\\$\\(output (\\w+)\\)").matcher(script);
        Set<String> outputs = new LinkedHashSet<>();
        while (read.find()) {
            outputs.add(read.group(1));
        }
        assertThat(outputs).contains("SoftphoneWebSocketUrl", "SoftphoneAgentName");
        assertThat(SamTemplate.load().section("Outputs")).containsKeys(outputs.toArray(String[]::new));
    }

    @Test
    void configKeys_areAllDocumentedInConfigurationMd() throws Exception {
        Map<String, String> outputs = new java.util.HashMap<>(OUTPUTS);
        outputs.put("DefaultToNumber", "+12065550100");
        Run run = run(outputs);
        String documentation = SamTemplate.read("docs/CONFIGURATION.md");
        assertThat(fieldNames(run.config())).allSatisfy(key -> assertThat(documentation).contains("`" + key + "`"));
        assertThat(run.config().path("defaultToNumber").asText()).isEqualTo("+12065550100");
    }

    @Test
    void stackWithoutOutputs_stopsWithAClearMessage() throws Exception {
        Run run = run(Map.of());

        assertThat(run.exitCode).isNotZero();
        assertThat(run.output).contains("has no SiteBucketName output; deploy it first");
        assertThat(run.calls).noneMatch(c -> c.startsWith("s3 "));
    }

    private record Run(int exitCode, String output, List<String> calls, Path configCopy) {
        JsonNode config() throws IOException {
            return new ObjectMapper().readTree(configCopy.toFile());
        }
    }

    private Run run(Map<String, String> outputs) throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path dist = Files.createDirectories(work.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>click-to-call</title>");
        Files.writeString(dist.resolve("agent.html"), "<!doctype html><title>click-to-call agent</title>");
        StringBuilder answers = new StringBuilder();
        outputs.forEach((key, value) -> answers.append("    ").append(key).append(") echo '").append(value).append("' ;;\n"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                printf '%s\\n' "$*" >> "$FAKE_AWS_CALLS"
                if [ "$1 $2" = "cloudformation describe-stacks" ]; then
                  key=$(printf '%s' "$*" | sed -n "s/.*OutputKey=='\\([A-Za-z]*\\)'.*/\\1/p")
                  case "$key" in
                """ + answers + """
                    *) echo None ;;
                  esac
                elif [ "$1 $2" = "s3 cp" ] && [[ "$4" == */config.json ]]; then
                  cp "$3" "$FAKE_AWS_CONFIG"
                fi
                """);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path calls = work.resolve("calls.txt");
        Path config = work.resolve("config.json");
        ProcessBuilder process = new ProcessBuilder("bash", SamTemplate.ROOT.resolve("scripts/deploy-site.sh").toString(),
                "--stack", "click-to-call", "--region", "us-east-1", "--skip-build")
                .redirectErrorStream(true);
        process.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        process.environment().put("FAKE_AWS_CALLS", calls.toString());
        process.environment().put("FAKE_AWS_CONFIG", config.toString());
        process.environment().put("WEB_DIST", dist.toString());
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes());
        assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : new ArrayList<>();
        return new Run(started.exitValue(), output, recorded, config);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
