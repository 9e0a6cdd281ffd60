package com.clicktocall.localstack.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * SIPp (Debian's {@code sip-tester}) run as the far end of a call, a SIP peer this project did not write:
 * a user-agent server on 127.0.0.1 that plays one scenario of {@code src/test/resources/sipp/} for one call,
 * then exits.
 *
 * <pre>{@code
 * SippUas.assumeInstalled();                       // skips the test, with a message, when sipp is absent
 * try (SippUas pbx = SippUas.start("uas-answer.xml", Map.of("digits_port", Integer.toString(rtpPort)))) {
 *     // place a call to pbx.target() ...
 *     pbx.awaitLog(line -> line.startsWith("BYE"), Duration.ofSeconds(5));   // what the scenario logged
 *     assertThat(pbx.awaitExit(Duration.ofSeconds(5))).isZero();            // 0: the call passed the scenario
 * }
 * }</pre>
 *
 * Scenarios: {@code uas-answer.xml} (180, 200 OK, waits for BYE), {@code uas-busy.xml} (486),
 * {@code uas-never-answer.xml} (180, then 487 on CANCEL), {@code uas-answer-then-hang-up.xml} (answers,
 * sends BYE after 300 ms), {@code uas-answer-info.xml} (answers, takes two {@code application/dtmf-relay} INFOs,
 * waits for BYE), {@code uas-not-found.xml} (404); and as a caller, {@link #call} with {@code uac-call.xml}. The answering ones need the key {@code digits_port}: the RTP port their SDP
 * answer advertises, where a test listens for RFC 4733 telephone events (SIPp cannot decode them; it binds
 * its own {@code -mp} port elsewhere). Each scenario logs one line per message of interest through
 * {@code <log>}, such as {@code INVITE <call-id> From: ...}, {@code X-RequestorEmail: <value>},
 * {@code SDP m=audio <port>} (the offer's RTP port, from {@code uas-answer.xml} and
 * {@code uas-answer-then-hang-up.xml}), {@code CANCEL <call-id>}, {@code BYE <call-id>}; {@link #log()} reads them.
 *
 * <p>Every wait is bounded; SIPp also stops itself after {@link #GLOBAL_TIMEOUT}. Files (scenario copy,
 * logs, screen output) live in a temporary directory removed by {@link #close()}.
 */
public final class SippUas implements AutoCloseable {

    /** SIPp ends itself after this long, should a test forget to close it. */
    public static final Duration GLOBAL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path directory;
    private final Path logFile;
    private final Path errorFile;
    private final Path screenFile;
    private final int port;

    private SippUas(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.logFile = directory.resolve("log.log");
        this.errorFile = directory.resolve("errors.log");
        this.screenFile = directory.resolve("screen.log");
        this.port = port;
    }

    /** Whether a {@code sipp} executable is on the PATH. */
    public static boolean isInstalled() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "sipp")));
    }

    /** Skips the calling test, saying why, when SIPp is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(isInstalled(),
                "sipp is not installed: apt-get install -y sip-tester (CI installs it); skipping the SIPp test");
    }

    /**
     * Starts SIPp with {@code scenario} (a file name under {@code src/test/resources/sipp/}) on a free UDP port
     * of 127.0.0.1, and waits until it listens.
     *
     * @param keys values for the scenario's {@code [keyword]}s ({@code -key name value})
     * @throws IOException when SIPp cannot be started or does not listen within 5 s
     */
    public static SippUas start(String scenario, Map<String, String> keys) throws IOException, InterruptedException {
        // SIPp also binds the ports after -mp (video RTP at +2), which freePort() cannot reserve: another
        // program may hold one of them. Such a start is tried again on other ports.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(scenario, keys);
            } catch (IOException e) {
                if (attempt >= START_ATTEMPTS || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static final int START_ATTEMPTS = 3;

    private static SippUas startOnce(String scenario, Map<String, String> keys) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("sipp-");
        Path scenarioFile = copyScenario(scenario, directory);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(),
                "-i", HOST, "-p", Integer.toString(port), "-mi", HOST, "-mp", Integer.toString(freePort()),
                "-m", "1", "-nostdin", "-timeout", GLOBAL_TIMEOUT.toSeconds() + "s", "-timeout_error",
                "-trace_logs", "-log_file", directory.resolve("log.log").toString(),
                "-trace_err", "-error_file", directory.resolve("errors.log").toString()));
        keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("screen.log").toFile()).start();
        SippUas sipp = new SippUas(process, directory, port);
        sipp.awaitListening();
        return sipp;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!isListening()) {
            if (!process.isAlive()) {
                String output = describe();
                close();
                throw new IOException("sipp exited with " + process.exitValue() + " before listening: " + output);
            }
            if (System.nanoTime() > deadline) {
                String output = describe();
                close();
                throw new IOException("sipp did not listen on udp " + HOST + ":" + port + " within " + READY_TIMEOUT + ": " + output);
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * Reads the kernel's UDP socket table: SIPp binding its port is the sign it is ready. Where there is no
     * such table (not Linux), a fixed half second has to do.
     */
    private boolean isListening() throws IOException, InterruptedException {
        Path table = Path.of("/proc/net/udp");
        if (!Files.isReadable(table)) {
            Thread.sleep(500);
            return true;
        }
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        try (Stream<String> lines = Files.lines(table)) {
            return lines.map(String::strip).map(line -> line.split("\\s+")).filter(f -> f.length > 1)
                    .anyMatch(f -> f[1].endsWith(suffix));
        }
    }

    private static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        }
    }

    /**
     * Runs SIPp as a caller instead: one call of {@code scenario} (e.g. {@code uac-call.xml}, which needs the
     * key {@code email}) to {@code number} at {@code target}, and waits for it to finish.
     *
     * @return SIPp's exit status (0: the call went through the scenario)
     * @throws AssertionError when SIPp has not finished within {@code timeout}
     */
    public static int call(String scenario, SipTarget target, String number, Map<String, String> keys, Duration timeout)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("sipp-");
        Path scenarioFile = copyScenario(scenario, directory);
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(),
                "-i", HOST, "-p", Integer.toString(freePort()), "-mi", HOST, "-mp", Integer.toString(freePort()),
                "-s", number, "-m", "1", "-nostdin", "-timeout", timeout.toSeconds() + 1 + "s", "-timeout_error",
                "-trace_err", "-error_file", directory.resolve("errors.log").toString()));
        keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
        command.add(target.host() + ":" + target.port());
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("screen.log").toFile()).start();
        try (SippUas sipp = new SippUas(process, directory, 0)) {
            return sipp.awaitExit(timeout);
        }
    }

    private static Path copyScenario(String scenario, Path directory) throws IOException {
        Path scenarioFile = directory.resolve(scenario);
        try (InputStream in = SippUas.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IOException("no SIPp scenario sipp/" + scenario + " on the test class path");
            }
            Files.copy(in, scenarioFile);
        }
        return scenarioFile;
    }

    /** Where to call SIPp: {@code sip:127.0.0.1:<port>}. */
    public SipTarget target() {
        return new SipTarget(HOST, port);
    }

    public int port() {
        return port;
    }

    /** The lines the scenario's {@code <log>} actions wrote so far. */
    public List<String> log() {
        return readLines(logFile);
    }

    /**
     * Waits, at most {@code timeout}, for a logged line that matches.
     *
     * @throws AssertionError on timeout, quoting what was logged and SIPp's errors
     */
    public String awaitLog(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> match = log().stream().filter(line).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SIPp logged no matching line within " + timeout + ": " + describe());
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * Waits, at most {@code timeout}, for SIPp to finish its one call.
     *
     * @return SIPp's exit status: 0 when the call went through the scenario, 1 when it failed it
     * @throws AssertionError when SIPp is still running at the timeout
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("SIPp still running after " + timeout + ": " + describe());
        }
        return process.exitValue();
    }

    /** What SIPp logged, its unexpected-message errors and the end of its screen output, for failure messages. */
    public String describe() {
        List<String> screen = readLines(screenFile);
        return "log " + log() + ", errors " + readLines(errorFile) + ", screen tail "
                + screen.subList(Math.max(0, screen.size() - 15), screen.size());
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops SIPp if it still runs, and deletes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
