package com.clicktocall.localstack.softphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.localstack.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar against real Kamailio and rtpengine (Debian packages; CI installs them). The browser's
 * registration, an answered call and digits as SIP INFO are covered by the web client's browser tests.
 */
class SoftphoneRegistrarTest {

    static final Path TEMPLATE = TestPaths.repoRoot().resolve("local-stack/softphone-registrar/kamailio.cfg");

    static final String PAGE_ORIGIN = "http://127.0.0.1:8080";

    @TempDir
    static Path directory;
    static SoftphoneRegistrar registrar;
    static SoftphoneRegistrar.Ports ports;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(SoftphoneRegistrar.missingProgram().isEmpty(),
                "kamailio or rtpengine is not installed: scripts/install-test-deps.sh installs them (CI does)");
        int rtp = 31_000 + (int) (ProcessHandle.current().pid() % 200) * 20;
        ports = new SoftphoneRegistrar.Ports(freeUdpPort(), freeTcpPort(), freeUdpPort(), rtp, rtp + 19);
        registrar = SoftphoneRegistrar.start(TEMPLATE, directory.resolve("registrar"), ports, java.util.List.of(PAGE_ORIGIN));
    }

    @AfterAll
    static void stop() {
        if (registrar != null) {
            registrar.close();
        }
    }

    @Test
    void render_fillsEveryPlaceholderOfTheShippedConfiguration() throws IOException {
        String rendered = SoftphoneRegistrar.render(Files.readString(TEMPLATE), Map.of("SIP_PORT", "5070", "WEBSOCKET_PORT", "8088",
                "RTPENGINE_CONTROL_PORT", "22222", "AGENT_NAME", "agent", "AGENT_SECRET", "s3cret",
                "ALLOWED_ORIGINS", SoftphoneRegistrar.originPattern(java.util.List.of(PAGE_ORIGIN))));

        assertThat(rendered).doesNotContain("{{").contains("listen=udp:127.0.0.1:5070", "listen=tcp:127.0.0.1:8088",
                "udp:127.0.0.1:22222", "\"s3cret\"");
    }

    @Test
    void render_refusesAPlaceholderWithoutValue() {
        assertThatThrownBy(() -> SoftphoneRegistrar.render("listen={{NOPE}}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{NOPE}}");
    }

    @Test
    void ports_refuseNonsense() {
        assertThatThrownBy(() -> new SoftphoneRegistrar.Ports(0, 8088, 22222, 30000, 30100)).hasMessageContaining("not a port: 0");
        assertThatThrownBy(() -> new SoftphoneRegistrar.Ports(5070, 8088, 22222, 30000, 30005)).hasMessageContaining("too small");
    }

    @Test
    void ports_readTheMediaRange_andRefuseWhatIsNotOne() {
        assertThat(SoftphoneRegistrar.Ports.of(5070, 8088, 22222, " 30000-30199 "))
                .isEqualTo(new SoftphoneRegistrar.Ports(5070, 8088, 22222, 30000, 30199));
        for (String bad : new String[] {"", "30000", "30000-", "-30199", "a-b", "30000-30199-30300", "30000:30199", "99999-100000"}) {
            assertThatThrownBy(() -> SoftphoneRegistrar.Ports.of(5070, 8088, 22222, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SoftphoneRegistrar.Ports.of(5070, 8088, 22222, "x")).hasMessageContaining("range like 30000-30199, got 'x'");
    }

    @Test
    void start_writesTheSecretOnlyIntoTheRenderedConfiguration() throws IOException {
        assertThat(registrar.agentSecret()).matches("[0-9a-f]{24}");
        assertThat(Files.readString(directory.resolve("registrar/kamailio.cfg"))).contains(registrar.agentSecret());
        try (var logs = Files.list(directory.resolve("registrar"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(registrar.agentSecret());
            }
        }
    }

    @Test
    void originPattern_matchesExactlyTheGivenOrigins() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(SoftphoneRegistrar.originPattern(
                java.util.List.of(PAGE_ORIGIN, "http://[::1]:5173")));
        assertThat(pattern.matcher(PAGE_ORIGIN).matches()).isTrue();
        assertThat(pattern.matcher("http://[::1]:5173").matches()).isTrue();
        assertThat(pattern.matcher("http://127.0.0.1:8080.evil.example").matches()).isFalse();
        assertThat(pattern.matcher("http://127a0a0a1:8080").matches()).isFalse();
    }

    @Test
    void webSocket_fromTheStacksPage_upgrades() throws IOException {
        assertThat(http(ports.webSocket(), handshake("127.0.0.1:" + ports.webSocket(), PAGE_ORIGIN))).startsWith("HTTP/1.1 101");
    }

    @Test
    void webSocket_fromAnotherSite_isRefused() throws IOException {
        assertThat(http(ports.webSocket(), handshake("127.0.0.1:" + ports.webSocket(), "https://evil.example")))
                .startsWith("HTTP/1.1 403");
    }

    @Test
    void webSocket_addressedToAnotherName_isRefused_dnsRebinding() throws IOException {
        assertThat(http(ports.webSocket(), handshake("rebind.evil.example:" + ports.webSocket(), null))).startsWith("HTTP/1.1 403");
    }

    private static String handshake(String host, String origin) {
        return "GET " + SoftphoneRegistrar.WEBSOCKET_PATH + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n";
    }

    @Test
    void webSocket_upgradesWithTheSipSubprotocol() throws IOException {
        String response = http(ports.webSocket(), "GET " + SoftphoneRegistrar.WEBSOCKET_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Protocol: sip")
                .contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(registrar.webSocketUrl()).isEqualTo("ws://127.0.0.1:" + ports.webSocket() + "/ws");
    }

    @Test
    void plainHttp_isNotServed() throws IOException {
        assertThat(http(ports.webSocket(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 404");
    }

    @Test
    void registerOverUdp_isRefused() throws IOException {
        assertThat(sip("REGISTER", "sip:127.0.0.1", "")).startsWith("SIP/2.0 403");
    }

    @Test
    void inviteForTheAgent_whenNoSoftphoneIsRegistered_isNotFound() throws IOException {
        assertThat(sip("INVITE", registrar.agentRecord(), "")).startsWith("SIP/2.0 404");
    }

    @Test
    void inviteForAnotherUser_isNotFound() throws IOException {
        assertThat(sip("INVITE", "sip:someone@127.0.0.1:" + ports.sip(), "")).startsWith("SIP/2.0 404");
    }

    /** The first final (or only) response to one request sent over UDP. */
    private static String sip(String method, String requestUri, String body) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5_000);
            int port = socket.getLocalPort();
            String message = method + " " + requestUri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + System.nanoTime() + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:agent@127.0.0.1>;tag=t1\r\nTo: <" + requestUri.replaceFirst(":\\d+$", "") + ">\r\n"
                    + "Call-ID: " + System.nanoTime() + "@test\r\nCSeq: 1 " + method + "\r\nContact: <sip:test@127.0.0.1:" + port + ">\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), ports.sip()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
                socket.receive(reply);
                String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                if (!text.startsWith("SIP/2.0 1")) {
                    return text;
                }
            }
            throw new IOException("no final response to " + method);
        }
    }

    private static String http(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            StringBuilder response = new StringBuilder();
            int read;
            while (!response.toString().contains("\r\n\r\n") && (read = in.read(buffer)) > 0) {
                response.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            return response.toString();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
