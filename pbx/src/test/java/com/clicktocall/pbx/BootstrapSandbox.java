package com.clicktocall.pbx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs pbx/bootstrap.sh as a separate process in a temporary directory: the AWS CLI is replaced by
 * a stand-in keeping SSM parameters in files, and (for a full run) so are the commands an EC2
 * instance would run, with /etc/asterisk and the state file under the temporary directory too.
 * The process gets a clean environment: only what a test passes, never the developer's AWS settings.
 */
final class BootstrapSandbox {

    static final Path BOOTSTRAP = Path.of("bootstrap.sh").toAbsolutePath();
    static final Path TEMPLATES = Path.of("asterisk").toAbsolutePath();

    static final String SECRET_PARAMETER = "/click-to-call/agent-secret";
    static final String SECRET = "Xq7vR2mK9pL4sT8wZ3nB6cF1";

    /** The values a stack would hand the bootstrap (all fake). */
    static Map<String, String> deploymentValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PUBLIC_IP", "198.51.100.7");
        values.put("PRIVATE_IP", "10.0.0.12");
        values.put("VOICE_CONNECTOR_HOST", "abcdefghijklmnopqrstuv.voiceconnector.chime.aws");
        values.put("PHONE_NUMBER", "+12065550100");
        values.put("AGENT_SECRET_PARAMETER", SECRET_PARAMETER);
        values.put("AWS_REGION", "us-east-1");
        return values;
    }

    record Result(int exitCode, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }

        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("bootstrap.sh exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private final Path root;
    private final Path bin;
    private final Path ssm;
    private final Path awsLog;
    private final Path stubLog;

    BootstrapSandbox(Path root) {
        this.root = root;
        this.bin = root.resolve("bin");
        this.ssm = root.resolve("ssm");
        this.awsLog = root.resolve("aws.log");
        this.stubLog = root.resolve("instance.log");
        try {
            Files.createDirectories(bin);
            Files.createDirectories(ssm);
            Files.createDirectories(root.resolve("state"));
            Files.createDirectories(etcAsterisk());
            Files.writeString(awsLog, "");
            Files.writeString(stubLog, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        installCommand("/fake-aws", "aws");
    }

    /** Adds the stand-ins for an instance's commands (id, apt-get, systemctl, asterisk, curl, ...). */
    BootstrapSandbox asInstance() {
        for (String command : List.of("id", "apt-get", "snap", "systemctl", "asterisk", "curl", "install")) {
            installCommand("/instance/" + command, command);
        }
        return this;
    }

    BootstrapSandbox withStoredSecret(String secret) {
        write(parameterFile(SECRET_PARAMETER), secret);
        return this;
    }

    Optional<String> storedSecret() {
        Path file = parameterFile(SECRET_PARAMETER);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    Path etcAsterisk() {
        return root.resolve("etc-asterisk");
    }

    Path stateFile() {
        return root.resolve("state/pbx.env");
    }

    String awsLog() {
        return read(awsLog);
    }

    /** The instance commands run so far, one per line; {@link #clearInstanceLog()} starts afresh. */
    List<String> instanceLog() {
        return read(stubLog).lines().toList();
    }

    void clearInstanceLog() {
        write(stubLog, "");
    }

    Result renderOnly(Path outDir, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("--render-only", outDir.toString()));
        command.addAll(List.of(arguments));
        return run(environment, command);
    }

    Result fullRun(Map<String, String> environment, String... arguments) {
        Map<String, String> withPaths = new LinkedHashMap<>(environment);
        withPaths.put("PBX_ASTERISK_ETC", etcAsterisk().toString());
        withPaths.put("PBX_STATE_FILE", stateFile().toString());
        return run(withPaths, List.of(arguments));
    }

    Result run(Map<String, String> environment, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("bash", BOOTSTRAP.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", root.toString());
        env.put("LANG", "C.UTF-8");
        env.put("FAKE_SSM_DIR", ssm.toString());
        env.put("FAKE_AWS_LOG", awsLog.toString());
        env.put("STUB_LOG", stubLog.toString());
        env.put("STUB_STATE", root.resolve("state").toString());
        env.put("TMPDIR", root.toString());
        env.putAll(environment);
        Path stdout = root.resolve("stdout.txt");
        Path stderr = root.resolve("stderr.txt");
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bootstrap.sh did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Path parameterFile(String name) {
        return ssm.resolve(name.replace('/', '%'));
    }

    private void installCommand(String resource, String name) {
        try (InputStream in = BootstrapSandbox.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Path target = bin.resolve(name);
            Files.write(target, in.readAllBytes());
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
