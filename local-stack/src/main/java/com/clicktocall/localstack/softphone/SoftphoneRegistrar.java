package com.clicktocall.localstack.softphone;

import com.clicktocall.localstack.ParentLifetime;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent side of the local stack: what Asterisk is for the agent's browser softphone in the cloud.
 * Kamailio holds the softphone's registration (SIP over WebSocket, digest authentication with a
 * secret made at start-up) and rings it for the local stack's PBX; rtpengine turns the PBX's plain RTP
 * offer into the WebRTC one a browser requires (ICE, DTLS-SRTP, rtcp-mux), so the page and its media
 * run exactly as against Asterisk. Both run on loopback as children of the stack.
 *
 * <p>Debian packages: {@code kamailio kamailio-websocket-modules rtpengine-daemon}.
 */
public final class SoftphoneRegistrar implements AutoCloseable {

    /** The agent's SIP user name, as {@code AGENT_NAME} defaults to in pbx/bootstrap.sh. */
    public static final String AGENT_NAME = "agent";
    /** The path the page connects to, as on the site ({@code wss://<site>/ws}). */
    public static final String WEBSOCKET_PATH = "/ws";
    /** The programs this needs, as found on the PATH. */
    public static final List<String> PROGRAMS = List.of("kamailio", "rtpengine");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    private static final long START_TIMEOUT_MILLIS = 15_000;

    /** Where each part listens, all on 127.0.0.1. */
    public record Ports(int sip, int webSocket, int rtpengineControl, int rtpMin, int rtpMax) {
        public Ports {
            for (int port : new int[] {sip, webSocket, rtpengineControl, rtpMin, rtpMax}) {
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("not a port: " + port);
                }
            }
            if (rtpMax - rtpMin < 10) {
                throw new IllegalArgumentException("the RTP port range " + rtpMin + "-" + rtpMax + " is too small");
            }
        }

        /**
         * @param mediaRange the RTP port range as {@code min-max}, e.g. {@code 30000-30199}
         * @throws IllegalArgumentException when a port or the range is not valid
         */
        public static Ports of(int sip, int webSocket, int rtpengineControl, String mediaRange) {
            String range = mediaRange == null ? "" : mediaRange.strip();
            String[] bounds = range.split("-", -1);
            try {
                if (bounds.length == 2) {
                    return new Ports(sip, webSocket, rtpengineControl, Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[1].strip()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("the softphone media ports must be a range like 30000-30199, got '" + mediaRange + "'");
        }
    }

    private final List<Process> processes;
    private final Ports ports;
    private final String secret;

    private SoftphoneRegistrar(List<Process> processes, Ports ports, String secret) {
        this.processes = processes;
        this.ports = ports;
        this.secret = secret;
    }

    /** The first of {@link #PROGRAMS} not found on the PATH, if any. */
    public static Optional<String> missingProgram() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return PROGRAMS.stream().filter(program -> Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir, program)).noneMatch(Files::isExecutable)).findFirst();
    }

    /**
     * Renders the configuration into {@code directory}, starts rtpengine, then Kamailio, and returns once
     * both answer.
     *
     * @param template the Kamailio configuration with {@code {{PLACEHOLDER}}}s
     * @throws IOException when a program is missing, a port is taken or either does not come up in time
     */
    public static SoftphoneRegistrar start(Path template, Path directory, Ports ports) throws IOException, InterruptedException {
        return start(template, directory, ports, java.util.Set.of());
    }

    /**
     * @param pageOrigins the browser origins that may open the WebSocket (the stack's web origin); a
     *                    handshake with another {@code Origin}, or addressed to a name that is not
     *                    loopback, gets 403
     */
    public static SoftphoneRegistrar start(Path template, Path directory, Ports ports, java.util.Collection<String> pageOrigins)
            throws IOException, InterruptedException {
        Optional<String> missing = missingProgram();
        if (missing.isPresent()) {
            throw new IOException(missing.get() + " is not installed (apt-get install kamailio kamailio-websocket-modules rtpengine-daemon)");
        }
        // Kamailio that cannot bind exits, but a probe of the port would then reach whoever holds it
        // (another developer's stack): refuse taken ports up front.
        requireFree(ports);
        Files.createDirectories(directory);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Path config = directory.resolve("kamailio.cfg");
        Files.writeString(config, render(Files.readString(template), Map.of(
                "SIP_PORT", Integer.toString(ports.sip()),
                "WEBSOCKET_PORT", Integer.toString(ports.webSocket()),
                "RTPENGINE_CONTROL_PORT", Integer.toString(ports.rtpengineControl()),
                "ALLOWED_ORIGINS", originPattern(pageOrigins),
                "AGENT_NAME", AGENT_NAME,
                "AGENT_SECRET", secret)));
        List<Process> started = new ArrayList<>();
        try {
            started.add(launch(List.of("rtpengine", "--foreground", "--log-stderr", "--no-log-timestamps", "--table=-1",
                    "--config-file=none", "--interface=127.0.0.1", "--listen-ng=127.0.0.1:" + ports.rtpengineControl(),
                    "--port-min=" + ports.rtpMin(), "--port-max=" + ports.rtpMax(), "--log-level=5"),
                    directory, directory.resolve("rtpengine.log")));
            awaitRtpengine(ports.rtpengineControl(), started.get(0));
            started.add(launch(List.of("kamailio", "-DD", "-E", "-f", config.toString(), "-Y", directory.toString(),
                    "-w", directory.toString()), directory, directory.resolve("kamailio.log")));
            awaitTcp(ports.webSocket(), started.get(1), "Kamailio");
            return new SoftphoneRegistrar(List.copyOf(started), ports, secret);
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(SoftphoneRegistrar::stop);
            throw e;
        }
    }

    private static void requireFree(Ports ports) throws IOException {
        java.net.InetAddress loopback = java.net.InetAddress.getByName("127.0.0.1");
        try (java.net.ServerSocket tcp = new java.net.ServerSocket(ports.webSocket(), 1, loopback)) {
            tcp.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("the softphone WebSocket port " + ports.webSocket() + " is in use (--softphone-websocket-port)", e);
        }
        for (int udp : new int[] {ports.sip(), ports.rtpengineControl()}) {
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new java.net.InetSocketAddress(loopback, udp))) {
                socket.getLocalPort();
            } catch (IOException e) {
                throw new IOException("UDP port " + udp + " is in use (--softphone-sip-port / --softphone-relay-port)", e);
            }
        }
    }

    /** A POSIX extended regular expression matching exactly these origins (none: only the empty string). */
    static String originPattern(java.util.Collection<String> origins) {
        List<String> alternatives = new ArrayList<>();
        for (String origin : origins) {
            if (!origin.matches("[A-Za-z0-9.:/\\[\\]-]+")) {
                throw new IllegalArgumentException("not an origin: " + origin);
            }
            StringBuilder literal = new StringBuilder();
            for (char c : origin.toCharArray()) {
                // "[.]" reads the same in POSIX and Java; an IPv6 literal's brackets match any one character.
                literal.append(c == '.' ? "[.]" : c == '[' || c == ']' ? "." : String.valueOf(c));
            }
            alternatives.add(literal.toString());
        }
        return "^(" + String.join("|", alternatives) + ")$";
    }

    /** {@code template} with every {@code {{NAME}}} replaced; a placeholder without a value is an error. */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {{" + matcher.group(1) + "}} in the registrar configuration");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The page's {@code softphone.webSocketUrl}. */
    public String webSocketUrl() {
        return "ws://127.0.0.1:" + ports.webSocket() + WEBSOCKET_PATH;
    }

    /** The agent's address of record, where the PBX rings the softphone. */
    public String agentRecord() {
        return "sip:" + AGENT_NAME + "@127.0.0.1:" + ports.sip();
    }

    /** The agent's SIP password for this run (the local counterpart of the SSM parameter). Never log it. */
    public String agentSecret() {
        return secret;
    }

    @Override
    public void close() {
        List<Process> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        reversed.forEach(SoftphoneRegistrar::stop);
    }

    private static Process launch(List<String> command, Path directory, Path log) throws IOException {
        return new ProcessBuilder(ParentLifetime.tied(command)).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** rtpengine's control protocol: {@code <cookie> <bencoded dictionary>}; a ping is answered with pong. */
    private static void awaitRtpengine(int port, Process process) throws IOException, InterruptedException {
        byte[] ping = "ready d7:command4:pinge".getBytes(StandardCharsets.US_ASCII);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            while (System.currentTimeMillis() < deadline) {
                exitedEarly(process, "rtpengine");
                socket.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[256], 256);
                try {
                    socket.receive(reply);
                    if (new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII).contains("pong")) {
                        return;
                    }
                } catch (SocketTimeoutException | PortUnreachableException e) {
                    Thread.sleep(100);
                }
            }
        }
        throw new IOException("rtpengine did not answer on udp 127.0.0.1:" + port + " within " + START_TIMEOUT_MILLIS / 1000 + " s");
    }

    private static void awaitTcp(int port, Process process, String name) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            exitedEarly(process, name);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException(name + " did not listen on tcp 127.0.0.1:" + port + " within " + START_TIMEOUT_MILLIS / 1000 + " s");
    }

    private static void exitedEarly(Process process, String name) throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with status " + process.exitValue() + " (is its port in use? see its log in the run folder)");
        }
    }
}
