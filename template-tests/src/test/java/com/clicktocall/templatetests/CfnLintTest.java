package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When cfn-lint is installed, template.yaml passes it: cfn-lint runs the SAM transform and checks
 * the result against the CloudFormation resource schemas. E3006 (unknown resource type) is ignored
 * because cfn-lint's bundled schemas may predate {@code AWS::Chime::SipMediaApplication} and
 * {@code AWS::Chime::VoiceConnector}.
 */
class CfnLintTest {

    @Test
    void template_passesCfnLint() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        assumeTrue(cfnLint.isPresent(), "cfn-lint is not installed (pip install cfn-lint)");
        Process lint = new ProcessBuilder(cfnLint.get().toString(), "--ignore-checks", "E3006", "--",
                SamTemplate.ROOT.resolve("template.yaml").toString())
                .redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes());
        assertThat(lint.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).as(report).isZero();
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
