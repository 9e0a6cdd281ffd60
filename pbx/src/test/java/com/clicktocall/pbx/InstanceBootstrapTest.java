package com.clicktocall.pbx;

import static com.clicktocall.pbx.BootstrapSandbox.SECRET;
import static com.clicktocall.pbx.BootstrapSandbox.SECRET_PARAMETER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full bootstrap.sh run as on an instance, with the instance's commands replaced by stand-ins:
 * first boot, a second run, a secret rotation and a changed value.
 */
class InstanceBootstrapTest {

    @TempDir
    Path work;

    /** What user data passes: the stack's values, without what the instance can discover itself. */
    private static Map<String, String> userDataValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("VOICE_CONNECTOR_HOST", "abcdefghijklmnopqrstuv.voiceconnector.chime.aws");
        values.put("PHONE_NUMBER", "+12065550100");
        values.put("AGENT_SECRET_PARAMETER", SECRET_PARAMETER);
        return values;
    }

    private BootstrapSandbox instance() {
        return new BootstrapSandbox(work.resolve("instance")).asInstance();
    }

    private static String password(BootstrapSandbox instance) {
        return AsteriskConfigFile.read(instance.etcAsterisk().resolve("pjsip.conf")).section("agent", "auth").required("password");
    }

    @Test
    void firstBoot_discoversTheAddressesCreatesTheSecretAndStartsAsterisk() throws IOException {
        BootstrapSandbox instance = instance();
        Files.writeString(instance.etcAsterisk().resolve("iax.conf"), "; shipped by the package\n");

        BootstrapSandbox.Result result = instance.fullRun(userDataValues()).assertSucceeded();

        AsteriskConfigFile pjsip = AsteriskConfigFile.read(instance.etcAsterisk().resolve("pjsip.conf"));
        assertThat(pjsip.section("transport-udp", "transport").required("external_media_address")).isEqualTo("203.0.113.44");
        assertThat(AsteriskConfigFile.read(instance.etcAsterisk().resolve("rtp.conf")).section("ice_host_candidates")
                .required("10.0.7.21")).isEqualTo("203.0.113.44");
        assertThat(instance.awsLog()).contains("--region eu-west-1");

        String secret = instance.storedSecret().orElseThrow();
        assertThat(secret).matches("[A-Za-z0-9]{32}");
        assertThat(password(instance)).isEqualTo(secret);
        assertThat(result.output()).contains("created the agent secret in " + SECRET_PARAMETER).doesNotContain(secret);
        assertThat(instance.awsLog()).doesNotContain(secret);

        assertThat(instance.instanceLog()).contains("systemctl restart asterisk").noneMatch(c -> c.startsWith("apt-get"));
        assertThat(Files.getPosixFilePermissions(instance.etcAsterisk().resolve("pjsip.conf")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(instance.etcAsterisk().resolve("iax.conf")).hasContent("; shipped by the package");

        String state = Files.readString(instance.stateFile());
        assertThat(state).contains("PUBLIC_IP=203.0.113.44", "PHONE_NUMBER=+12065550100", "AWS_REGION=eu-west-1")
                .doesNotContain(secret);
    }

    @Test
    void secondRun_withoutAnyValues_changesNothing() throws IOException {
        BootstrapSandbox instance = instance().withStoredSecret(SECRET);
        instance.fullRun(userDataValues()).assertSucceeded();
        Map<Path, String> before = contents(instance.etcAsterisk());
        instance.clearInstanceLog();

        BootstrapSandbox.Result again = instance.fullRun(Map.of()).assertSucceeded();

        assertThat(again.stdout()).contains("configuration unchanged");
        assertThat(contents(instance.etcAsterisk())).isEqualTo(before);
        assertThat(instance.instanceLog())
                .noneMatch(c -> c.startsWith("install ") || c.contains("restart") || c.contains("core reload"));
    }

    @Test
    void rotatingTheSecret_onARunningInstance_reloadsOnlyThePjsipConfiguration() {
        BootstrapSandbox instance = instance().withStoredSecret(SECRET);
        instance.fullRun(userDataValues()).assertSucceeded();
        instance.clearInstanceLog();

        BootstrapSandbox.Result rotated = instance.fullRun(Map.of(), "--rotate-agent-secret").assertSucceeded();

        String secret = instance.storedSecret().orElseThrow();
        assertThat(secret).isNotEqualTo(SECRET);
        assertThat(password(instance)).isEqualTo(secret);
        assertThat(rotated.output()).doesNotContain(secret);
        List<String> log = instance.instanceLog();
        assertThat(log).filteredOn(c -> c.startsWith("install ")).singleElement().asString().endsWith("/pjsip.conf");
        assertThat(log).contains("asterisk -rx core reload").doesNotContain("systemctl restart asterisk");
    }

    @Test
    void changedValue_overridesTheRememberedOneAndIsRemembered() throws IOException {
        BootstrapSandbox instance = instance().withStoredSecret(SECRET);
        instance.fullRun(userDataValues()).assertSucceeded();
        instance.clearInstanceLog();

        instance.fullRun(Map.of("PHONE_NUMBER", "+12065550199")).assertSucceeded();

        assertThat(Files.readString(instance.etcAsterisk().resolve("extensions.conf"))).contains("exten => +12065550199,1,");
        assertThat(instance.instanceLog()).filteredOn(c -> c.startsWith("install ")).singleElement().asString()
                .endsWith("/extensions.conf");
        assertThat(Files.readString(instance.stateFile())).contains("PHONE_NUMBER=+12065550199");
    }

    @Test
    void missingStackValue_onFirstBoot_stopsBeforeTouchingAsterisk() {
        BootstrapSandbox instance = instance().withStoredSecret(SECRET);
        Map<String, String> values = userDataValues();
        values.remove("VOICE_CONNECTOR_HOST");

        BootstrapSandbox.Result result = instance.fullRun(values);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("VOICE_CONNECTOR_HOST is not set");
        assertThat(instance.etcAsterisk()).isEmptyDirectory();
        assertThat(instance.instanceLog()).noneMatch(c -> c.startsWith("systemctl restart"));
    }

    private static Map<Path, String> contents(Path dir) throws IOException {
        Map<Path, String> contents = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                contents.put(file.getFileName(), Files.readString(file));
            }
        }
        return contents;
    }
}
