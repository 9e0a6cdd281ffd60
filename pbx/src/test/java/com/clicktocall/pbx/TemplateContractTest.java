package com.clicktocall.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml starts the bootstrap from the PBX instance's user data: the names it exports, the
 * parameter its role may read and the ports its security group opens must be the bootstrap's.
 */
class TemplateContractTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Pattern EXPORT = Pattern.compile("^\\s*export ([A-Z_]+)=(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern INPUTS = Pattern.compile("PERSISTED_INPUTS=\\(([^)]*)\\)");

    private static String instance;
    private static String role;
    private static String template;
    private static Map<String, String> exported;

    @BeforeAll
    static void read() throws IOException {
        template = Files.readString(TEMPLATE);
        instance = resource(template, "PbxInstance");
        role = resource(template, "PbxRole");
        exported = new LinkedHashMap<>();
        Matcher exports = EXPORT.matcher(instance);
        while (exports.find()) {
            exported.put(exports.group(1), exports.group(2));
        }
    }

    @Test
    void userData_runsTheBootstrapWithItsRequiredValues() {
        assertThat(instance).contains("bash /opt/clicktocall/pbx/bootstrap.sh");
        assertThat(exported).containsKeys("VOICE_CONNECTOR_HOST", "PHONE_NUMBER", "AGENT_SECRET_PARAMETER");
    }

    @Test
    void userData_exportsOnlyNamesTheBootstrapReads() throws IOException {
        Matcher inputs = INPUTS.matcher(Files.readString(BootstrapSandbox.BOOTSTRAP));
        assertThat(inputs.find()).isTrue();
        List<String> known = Arrays.asList(inputs.group(1).trim().split("\\s+"));

        assertThat(known).containsAll(exported.keySet());
    }

    @Test
    void instanceRole_mayReadAndCreateTheAgentSecretParameter() {
        String parameter = exported.get("AGENT_SECRET_PARAMETER");
        Matcher resource = Pattern.compile(":parameter(/\\S+?)\\*").matcher(role);

        assertThat(resource.find()).as("an ssm parameter resource with a wildcard in PbxRole").isTrue();
        assertThat(parameter).startsWith(resource.group(1));
        assertThat(role).contains("ssm:GetParameter", "ssm:PutParameter");
    }

    @Test
    void securityGroups_openTheRtpRangeAndTheWebSocketPortTheConfigurationUses() {
        assertThat(template).containsPattern("FromPort: 10000\\s+ToPort: 20000");
        assertThat(template).containsPattern("FromPort: 8088\\s+ToPort: 8088");
    }

    /** The lines of one top-level resource: from its name to the next resource or section. */
    private static String resource(String text, String name) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : text.lines().toList()) {
            if (line.equals("  " + name + ":")) {
                inside = true;
            } else if (inside && (line.matches("^  [A-Za-z0-9]+:.*") || line.matches("^[A-Za-z].*"))) {
                break;
            }
            if (inside) {
                lines.add(line);
            }
        }
        assertThat(lines).as("resource %s in template.yaml", name).isNotEmpty();
        return String.join("\n", lines);
    }
}
