package com.clicktocall.localstack.web;

import com.clicktocall.localstack.apigateway.CognitoAuthorizer;
import com.clicktocall.localstack.chime.Meetings;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The stack's own endpoints under {@value #PREFIX} on the web port: meeting events (server-sent events,
 * {@value #EVENTS_PATH}) and the caller page's WebRTC offer for the agent's softphone ({@value #MEDIA_PATH}),
 * which the page uses in place of the Chime media service; and, for the developer, the mailbox of confirmation
 * codes, call timelines, function statistics and the agent softphone's credentials ({@value #SOFTPHONE_PATH}).
 * {@link WebEndpoint} passes them their requests, CORS and methods already checked.
 */
public final class LocalEndpoints {

    static final String PREFIX = "/local/";
    public static final String EVENTS_PATH = "/local/events";
    /** {@code POST {"meetingId", "joinToken"}}: the page joins its meeting as its attendee → {@code {"session", "attendeeId"}}. */
    public static final String JOIN_PATH = "/local/join";
    /** {@code POST {"session"}} (JSON, or text/plain from navigator.sendBeacon): the page's attendee leaves at once. */
    public static final String LEAVE_PATH = "/local/leave";
    /** The paths that take a POST body. */
    static final java.util.Set<String> POST_PATHS = java.util.Set.of(JOIN_PATH, LEAVE_PATH, "/local/media");
    /** A join or leave body is a few ids and a token. */
    static final int JOIN_MAX_BODY_BYTES = 4 * 1024;
    /** The agent's SIP user, password and WebSocket URL: what an administrator reads from SSM in the cloud. */
    public static final String SOFTPHONE_PATH = "/local/softphone";
    /**
     * {@code POST} the signed-in caller page's WebRTC offer here before dialling: {@code {"sdp": "<offer>"}} with
     * {@code Authorization: Bearer <id token>}; kept for the token's e-mail ({@link CallerMediaOffers}).
     */
    public static final String MEDIA_PATH = "/local/media";
    /** A complete audio-only WebRTC offer with its ICE candidates is a few KiB. */
    static final int MEDIA_MAX_BODY_BYTES = 16 * 1024;
    /**
     * A comment line this often: writing is how a vanished page is noticed (its attendee leaves at the next write that fails), so
     * a page that goes without {@value #LEAVE_PATH} leaves within about two of these.
     */
    static final long KEEPALIVE_MILLIS = 1_000;

    private final Meetings meetings;
    private final Mailbox mailbox;
    private final SmaEngine sma;
    private final InvocationLog invocations;
    private final Optional<SoftphoneRegistrar> softphone;
    private final Optional<CallerMediaOffers> callerOffers;
    private final Optional<CognitoAuthorizer> authorizer;

    /**
     * @param callerOffers where {@value #MEDIA_PATH} keeps offers; empty when nothing would relay them (no
     *        softphone registrar): the path then answers 404
     * @param authorizer checks the caller's id token on {@value #MEDIA_PATH}; empty without a user pool: every
     *        offer is then refused, there being no e-mail to keep it under
     */
    public LocalEndpoints(Meetings meetings, Mailbox mailbox, SmaEngine sma, InvocationLog invocations,
            Optional<SoftphoneRegistrar> softphone, Optional<CallerMediaOffers> callerOffers, Optional<CognitoAuthorizer> authorizer) {
        this.meetings = meetings;
        this.mailbox = mailbox;
        this.sma = sma;
        this.invocations = invocations;
        this.softphone = softphone;
        this.callerOffers = callerOffers;
        this.authorizer = authorizer;
    }

    /** Answers a request for a path under {@value #PREFIX}: a GET or HEAD, or any method on {@value #MEDIA_PATH}. */
    void handle(Exchange exchange) throws IOException {
        String path = exchange.path();
        switch (path) {
            case MEDIA_PATH -> callerMedia(exchange);
            case JOIN_PATH -> join(exchange);
            case LEAVE_PATH -> leave(exchange);
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
                } else {
                    throw new HttpProblem(404, "not_found", "no such endpoint: " + path);
                }
            }
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

    /** The page joins with its attendee's join token, as a Chime client does; the token is never logged. */
    private void join(Exchange exchange) throws IOException {
        requirePost(exchange);
        JsonNode body = jsonBody(exchange, "give {\"meetingId\": \"...\", \"joinToken\": \"...\"}");
        JsonNode meetingId = body.path("meetingId");
        JsonNode joinToken = body.path("joinToken");
        if (!meetingId.isTextual() || !joinToken.isTextual()) {
            throw new HttpProblem(400, "invalid_request", "give {\"meetingId\": \"...\", \"joinToken\": \"...\"} (strings)");
        }
        Meetings.Session session;
        try {
            session = meetings.openSession(meetingId.textValue(), joinToken.textValue());
        } catch (com.clicktocall.localstack.chime.ChimeException e) {
            throw e.status() == 404 ? new HttpProblem(404, "meeting_not_found", "no such meeting: it has ended, or never existed")
                    : new HttpProblem(403, "invalid_join_token", "the join token is not one of the meeting's attendees'");
        }
        exchange.withHeader("Cache-Control", "no-store");
        exchange.sendJson(200, Map.of("session", session.id(), "attendeeId", session.attendeeId()));
    }

    /** The page leaves: its attendee at once, whatever its streams do. An unknown session has nothing left to leave: 204 too. */
    private void leave(Exchange exchange) throws IOException {
        requirePost(exchange);
        JsonNode session = jsonBody(exchange, "give {\"session\": \"...\"}").path("session");
        if (!session.isTextual()) {
            throw new HttpProblem(400, "invalid_request", "give {\"session\": \"...\"}");
        }
        meetings.leaveSession(session.textValue());
        exchange.sendEmpty(204);
    }

    private static void requirePost(Exchange exchange) {
        if (!exchange.method().equals("POST")) {
            throw new HttpProblem(405, "method_not_allowed", exchange.method() + " is not served here: POST");
        }
    }

    /** The body as JSON whatever its Content-Type (navigator.sendBeacon sends text/plain). */
    private static JsonNode jsonBody(Exchange exchange, String what) throws IOException {
        byte[] body;
        try (InputStream in = exchange.http().getRequestBody()) {
            body = in.readNBytes(JOIN_MAX_BODY_BYTES + 1);
        }
        if (body.length > JOIN_MAX_BODY_BYTES) {
            throw new HttpProblem(413, "request_too_large", "the body is larger than " + JOIN_MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode json = Exchange.JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new HttpProblem(400, "invalid_request", "the body is not a JSON object: " + what);
            }
            return json;
        } catch (IOException e) {
            throw new HttpProblem(400, "invalid_request", "the body is not JSON: " + what);
        }
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
        if (exchange.query().containsKey("attendeeId")) {
            throw new HttpProblem(400, "attendee_id_not_accepted", "an attendee joins with its join token: POST " + JOIN_PATH
                    + ", then open this stream with &session=<session>");
        }
        String sessionId = exchange.query().get("session");
        Meetings.Session session = null;
        if (sessionId != null) {
            session = meetings.session(sessionId).filter(s -> s.meetingId().equals(meetingId) && !s.left())
                    .orElseThrow(() -> new HttpProblem(403, "invalid_session", "no open session of this meeting: join again with POST "
                            + JOIN_PATH));
        }
        BlockingQueue<MeetingEvents.Event> queue = new LinkedBlockingQueue<>();
        exchange.http().getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.http().getResponseHeaders().set("Cache-Control", "no-store");
        exchange.http().getResponseHeaders().set("X-Accel-Buffering", "no");
        // present before the answer starts: a page that has its 200 is in the meeting
        Runnable unsubscribe = meetings.events().subscribe(meetingId, queue::add);
        if (session != null) {
            meetings.streamOpened(session);
        }
        try {
            exchange.http().sendResponseHeaders(200, 0);
            OutputStream out = exchange.http().getResponseBody();
            out.write(": meeting events\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                MeetingEvents.Event event = queue.poll(KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS);
                if (session != null && session.left() && event == null) {
                    break; // the page left (or the meeting ended): its stream closes
                }
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
            if (session != null) {
                meetings.streamClosed(session);
            }
            exchange.http().close();
        }
    }
}
