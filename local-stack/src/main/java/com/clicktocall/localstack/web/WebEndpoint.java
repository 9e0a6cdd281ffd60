package com.clicktocall.localstack.web;

import com.clicktocall.localstack.apigateway.CognitoAuthorizer;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.http.Endpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import com.clicktocall.localstack.lambda.InvocationLog;
import com.clicktocall.localstack.sip.CallerMediaOffers;
import com.clicktocall.localstack.sma.SmaEngine;
import com.clicktocall.localstack.softphone.SoftphoneRegistrar;
import com.clicktocall.localstack.userpool.Mailbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The web port: the built browser client ({@code web/dist}) with the generated {@code config.json},
 * and the stack's own endpoints under {@code /local/}: meeting events (server-sent events), the
 * mailbox of confirmation codes, call timelines, function statistics, the agent softphone's
 * credentials, and the caller page's WebRTC offer for the agent's softphone ({@value #MEDIA_PATH}).
 */
public final class WebEndpoint implements Endpoint {

    public static final String EVENTS_PATH = "/local/events";
    /** The agent's SIP user, password and WebSocket URL: what an administrator reads from SSM in the cloud. */
    public static final String SOFTPHONE_PATH = "/local/softphone";
    /**
     * {@code POST} the signed-in caller page's WebRTC offer here before dialling: {@code {"sdp": "<offer>"}} with
     * {@code Authorization: Bearer <id token>}; kept for the token's e-mail ({@link CallerMediaOffers}).
     */
    public static final String MEDIA_PATH = "/local/media";
    /** A complete audio-only WebRTC offer with its ICE candidates is a few KiB. */
    static final int MEDIA_MAX_BODY_BYTES = 16 * 1024;
    static final long KEEPALIVE_SECONDS = 15;

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("woff2", "font/woff2"), Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("webmanifest", "application/manifest+json"));

    private final Path site;
    private final Supplier<Map<String, Object>> clientConfig;
    private final Meetings meetings;
    private final Mailbox mailbox;
    private final SmaEngine sma;
    private final InvocationLog invocations;
    private final Set<String> allowedOrigins;
    private final Optional<SoftphoneRegistrar> softphone;
    private final Optional<CallerMediaOffers> callerOffers;
    private final Optional<CognitoAuthorizer> authorizer;

    /**
     * @param callerOffers where {@value #MEDIA_PATH} keeps offers; empty when nothing would relay them (no
     *        softphone registrar): the path then answers 404
     * @param authorizer checks the caller's id token on {@value #MEDIA_PATH}; empty without a user pool: every
     *        offer is then refused, there being no e-mail to keep it under
     */
    public WebEndpoint(Path site, Supplier<Map<String, Object>> clientConfig, Meetings meetings, Mailbox mailbox, SmaEngine sma,
            InvocationLog invocations, Set<String> allowedOrigins, Optional<SoftphoneRegistrar> softphone,
            Optional<CallerMediaOffers> callerOffers, Optional<CognitoAuthorizer> authorizer) {
        this.site = site;
        this.clientConfig = clientConfig;
        this.meetings = meetings;
        this.mailbox = mailbox;
        this.sma = sma;
        this.invocations = invocations;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.softphone = softphone;
        this.callerOffers = callerOffers;
        this.authorizer = authorizer;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        cors(exchange);
        String path = exchange.path();
        if (exchange.method().equals("OPTIONS")) {
            boolean media = path.equals(MEDIA_PATH);
            exchange.withHeader("Access-Control-Allow-Methods", media ? "POST,OPTIONS" : "GET,OPTIONS")
                    .withHeader("Access-Control-Allow-Headers", media ? "Authorization,Content-Type" : "Content-Type")
                    .sendEmpty(204);
            return;
        }
        if (path.equals(MEDIA_PATH)) {
            callerMedia(exchange);
            return;
        }
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            throw new HttpProblem(405, "method_not_allowed", exchange.method() + " is not served here");
        }
        switch (path) {
            case "/config.json" -> {
                exchange.withHeader("Cache-Control", "no-store");
                exchange.sendJson(200, clientConfig.get());
            }
            case EVENTS_PATH -> events(exchange);
            case "/local/mailbox" -> mailbox(exchange);
            case SOFTPHONE_PATH -> softphone(exchange);
            case "/local/calls" -> exchange.sendJson(200, Map.of("transactionIds", sma.transactionIds()));
            case "/local/functions" -> exchange.sendJson(200, invocations.summary());
            default -> {
                if (path.startsWith("/local/calls/")) {
                    String id = path.substring("/local/calls/".length());
                    var timeline = sma.timeline(id).orElseThrow(() -> new HttpProblem(404, "call_not_found", "no call " + id));
                    exchange.sendJson(200, timeline.toJson());
                } else if (path.startsWith("/local/")) {
                    throw new HttpProblem(404, "not_found", "no such endpoint: " + path);
                } else {
                    staticFile(exchange, path);
                }
            }
        }
    }

    /**
     * {@code {"code": type, "message": ...}}, the type also as {@code error} (what the web port wrote before
     * {@code code}), so that readers of either keep working.
     */
    @Override
    public void answerProblem(Exchange exchange, HttpProblem problem) throws IOException {
        exchange.sendJson(problem.status(), Map.of("code", problem.type(), "error", problem.type(), "message", problem.getMessage()));
    }

    private void cors(Exchange exchange) {
        String origin = exchange.header("Origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            exchange.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
        }
    }

    /** Keeps the caller page's offer under its id token's e-mail. Neither the token nor the SDP is ever logged. */
    private void callerMedia(Exchange exchange) throws IOException {
        if (!exchange.method().equals("POST")) {
            throw new HttpProblem(405, "method_not_allowed", exchange.method() + " is not served here: POST the offer");
        }
        CallerMediaOffers offers = callerOffers.orElseThrow(() -> new HttpProblem(404, "media_relay_off",
                "the stack runs without the softphone registrar (see the banner for why): no offer would reach a softphone"));
        CognitoAuthorizer verifier = authorizer.orElseThrow(() -> new HttpProblem(401, "unauthorized",
                "the stack runs without a user pool (--user-pool false): no id token can be checked, so no offer is kept"));
        String email = verifier.authorize(exchange.header("Authorization")).map(claims -> claims.get("email"))
                .filter(e -> !e.isBlank())
                .orElseThrow(() -> new HttpProblem(401, "unauthorized",
                        "give Authorization: Bearer <the signed-in user's id token> (missing, invalid, expired or without an e-mail)"));
        byte[] body;
        try (InputStream in = exchange.http().getRequestBody()) {
            body = in.readNBytes(MEDIA_MAX_BODY_BYTES + 1);
        }
        if (body.length > MEDIA_MAX_BODY_BYTES) {
            throw new HttpProblem(413, "offer_too_large", "the body is larger than " + MEDIA_MAX_BODY_BYTES + " bytes");
        }
        JsonNode sdp;
        try {
            sdp = Exchange.JSON.readTree(body).path("sdp");
        } catch (IOException e) {
            throw new HttpProblem(400, "invalid_offer", "the body is not JSON: give {\"sdp\": \"<the page's WebRTC offer>\"}");
        }
        if (!sdp.isTextual()) {
            throw new HttpProblem(400, "invalid_offer", "the body has no \"sdp\" string: give {\"sdp\": \"<the page's WebRTC offer>\"}");
        }
        try {
            offers.put(email, sdp.textValue());
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "invalid_offer", "\"sdp\" is " + e.getMessage());
        }
        exchange.withHeader("Cache-Control", "no-store");
        exchange.sendJson(202, Map.of("expiresInSeconds", offers.timeToLive().toSeconds()));
    }

    private void softphone(Exchange exchange) throws IOException {
        if (!exchange.fromLoopback()) {
            throw new HttpProblem(403, "forbidden", "the softphone credentials are given to loopback callers only");
        }
        SoftphoneRegistrar registrar = softphone.orElseThrow(() -> new HttpProblem(404, "softphone_off",
                "the stack runs without the softphone registrar (see the banner for why)"));
        exchange.withHeader("Cache-Control", "no-store");
        exchange.sendJson(200, Map.of("agentName", SoftphoneRegistrar.AGENT_NAME, "password", registrar.agentSecret(),
                "webSocketUrl", registrar.webSocketUrl()));
    }

    private void mailbox(Exchange exchange) throws IOException {
        if (!exchange.fromLoopback()) {
            throw new HttpProblem(403, "forbidden", "the mailbox answers loopback callers only");
        }
        String email = exchange.query().get("email");
        if (email == null || email.isBlank()) {
            throw new HttpProblem(400, "email_missing", "give ?email=<address>");
        }
        Mailbox.Message message = mailbox.latest(email)
                .orElseThrow(() -> new HttpProblem(404, "no_message", "no confirmation code was sent to " + email));
        exchange.sendJson(200, Map.of("email", message.email(), "code", message.code(), "receivedAt", message.receivedAt().toString()));
    }

    private void events(Exchange exchange) throws IOException {
        String meetingId = exchange.query().get("meetingId");
        if (meetingId == null || meetingId.isBlank()) {
            throw new HttpProblem(400, "meeting_id_missing", "give ?meetingId=<MeetingId>");
        }
        if (meetings.find(meetingId).isEmpty() && meetings.events().history(meetingId).isEmpty()) {
            throw new HttpProblem(404, "meeting_not_found", "no meeting " + meetingId);
        }
        String attendeeId = exchange.query().get("attendeeId");
        BlockingQueue<MeetingEvents.Event> queue = new LinkedBlockingQueue<>();
        exchange.http().getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.http().getResponseHeaders().set("Cache-Control", "no-store");
        exchange.http().getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.http().sendResponseHeaders(200, 0);
        Runnable unsubscribe = meetings.events().subscribe(meetingId, queue::add);
        boolean joined = attendeeId != null && meetings.joinById(meetingId, attendeeId).isPresent();
        OutputStream out = exchange.http().getResponseBody();
        try {
            out.write(": meeting events\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                MeetingEvents.Event event = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (event == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    String frame = "event: " + event.name() + "\ndata: " + Exchange.JSON.writeValueAsString(event.data()) + "\n\n";
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                if (event != null && event.ends()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away
        } finally {
            unsubscribe.run();
            if (joined) {
                meetings.leave(meetingId, attendeeId);
            }
            exchange.http().close();
        }
    }

    private void staticFile(Exchange exchange, String path) throws IOException {
        Path index = site.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            exchange.send(200, "text/html; charset=utf-8", notBuiltPage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path root = site.toRealPath();
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            throw new HttpProblem(404, "not_found", "not found");
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            if (path.substring(path.lastIndexOf('/') + 1).contains(".")) {
                throw new HttpProblem(404, "not_found", "not found: " + path);
            }
            file = index; // the client routes its own paths
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        exchange.withHeader("Cache-Control", name.equals("index.html") ? "no-cache" : "public, max-age=60");
        exchange.send(200, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"), Files.readAllBytes(file));
    }

    private String notBuiltPage() {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Click-to-call: local stack</title></head>
                <body style="font-family:sans-serif;max-width:40em;margin:3em auto">
                <h1>The web client is not built</h1>
                <p>The local stack is running, but there is no <code>%s/index.html</code>.</p>
                <p>Build the browser client, then reload this page:</p>
                <pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
                <p>(<code>scripts/local-stack.sh</code> does this for you when <code>web/package.json</code> exists.)
                The stack's configuration for the client is at <a href="/config.json">/config.json</a>.</p>
                </body></html>
                """.formatted(site);
    }
}
