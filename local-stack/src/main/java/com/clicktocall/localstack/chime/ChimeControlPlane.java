package com.clicktocall.localstack.chime;

import com.clicktocall.localstack.http.Endpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import com.clicktocall.model.dial.PhoneNumbers;
import com.clicktocall.model.sma.SmaLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chime SDK Meetings and Voice operations the functions use, in the services' REST-JSON wire
 * format, so the AWS SDKs and the AWS CLI work against it unchanged. Signatures are not verified, but a
 * request must be signed (carry an Authorization header).
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_Operations_Amazon_Chime_SDK_Meetings.html">Meetings operations</a>
 */
public final class ChimeControlPlane implements Endpoint {

    /** Media regions the Meetings service accepts. */
    static final Set<String> MEDIA_REGIONS = Set.of("af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-south-1",
            "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-1", "eu-west-1",
            "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1",
            "us-gov-west-1", "il-central-1", "ap-east-1", "me-central-1");

    private static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("[-_a-zA-Z0-9]{2,64}");
    private static final Pattern MEETING = Pattern.compile("/meetings/([^/]+)");
    private static final Pattern ATTENDEES = Pattern.compile("/meetings/([^/]+)/attendees");
    private static final Pattern ATTENDEE = Pattern.compile("/meetings/([^/]+)/attendees/([^/]+)");
    private static final Pattern SMA_CALLS = Pattern.compile("/sip-media-applications/([^/]+)/calls");
    private static final Pattern SMA_CALL = Pattern.compile("/sip-media-applications/([^/]+)/calls/([^/]+)");

    private final Meetings meetings;
    private final SipMediaApplications smas;
    private final String publicHost;
    private final String accountId;

    /**
     * @param publicHost host and port the meetings' media placement URLs name (the stack's own)
     */
    public ChimeControlPlane(Meetings meetings, SipMediaApplications smas, String publicHost, String accountId) {
        this.meetings = meetings;
        this.smas = smas;
        this.publicHost = publicHost;
        this.accountId = accountId;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        String authorization = exchange.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ChimeException(403, "ForbiddenException", "Missing Authentication Token: requests must be signed (SigV4)");
        }
        String method = exchange.method();
        String path = exchange.path();
        String operation = exchange.query().get("operation");
        Matcher m;
        if (path.equals("/meetings") && method.equals("POST")) {
            if ("create-attendees".equals(operation)) {
                createMeetingWithAttendees(exchange);
            } else {
                createMeeting(exchange);
            }
        } else if ((m = MEETING.matcher(path)).matches() && method.equals("GET")) {
            exchange.sendJson(200, Map.of("Meeting", meetingJson(meetings.get(m.group(1)))));
        } else if (m.matches() && method.equals("DELETE")) {
            meetings.delete(m.group(1));
            exchange.sendEmpty(204);
        } else if ((m = ATTENDEES.matcher(path)).matches() && method.equals("POST")) {
            if ("batch-create".equals(operation)) {
                batchCreateAttendee(exchange, m.group(1));
            } else {
                JsonNode body = body(exchange);
                String externalUserId = externalUserId(body.path("ExternalUserId"));
                exchange.sendJson(200, Map.of("Attendee", attendeeJson(meetings.createAttendee(m.group(1), externalUserId))));
            }
        } else if (m.matches() && method.equals("GET")) {
            List<Map<String, Object>> list = meetings.get(m.group(1)).attendees().stream().map(this::attendeeJson).toList();
            exchange.sendJson(200, Map.of("Attendees", list));
        } else if ((m = ATTENDEE.matcher(path)).matches() && method.equals("GET")) {
            exchange.sendJson(200, Map.of("Attendee", attendeeJson(meetings.attendee(m.group(1), m.group(2)))));
        } else if (m.matches() && method.equals("DELETE")) {
            meetings.deleteAttendee(m.group(1), m.group(2));
            exchange.sendEmpty(204);
        } else if ((m = SMA_CALLS.matcher(path)).matches() && method.equals("POST")) {
            createSipMediaApplicationCall(exchange, m.group(1));
        } else if ((m = SMA_CALL.matcher(path)).matches() && method.equals("POST")) {
            updateSipMediaApplicationCall(exchange, m.group(1), m.group(2));
        } else {
            throw new ChimeException(404, "NotFoundException", "the local Chime control plane has no operation " + method + " " + path);
        }
    }

    @Override
    public void answerProblem(Exchange exchange, HttpProblem problem) throws IOException {
        String type = problem instanceof ChimeException ? problem.type()
                : problem.status() == 413 ? "BadRequestException"
                : problem.status() == 403 ? "ForbiddenException" : "ServiceFailureException";
        int status = problem instanceof ChimeException || problem.status() == 403 ? problem.status()
                : problem.status() == 413 ? 400 : 500;
        String requestId = UUID.randomUUID().toString();
        exchange.withHeader("x-amzn-ErrorType", type).withHeader("x-amzn-RequestId", requestId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Code", type.replace("Exception", ""));
        body.put("Message", problem.getMessage());
        body.put("RequestId", requestId);
        exchange.sendJson(status, body);
    }

    private void createMeeting(Exchange exchange) throws IOException {
        JsonNode body = body(exchange);
        Meetings.Meeting meeting = newMeeting(body);
        exchange.sendJson(200, Map.of("Meeting", meetingJson(meeting)));
    }

    private void createMeetingWithAttendees(Exchange exchange) throws IOException {
        JsonNode body = body(exchange);
        JsonNode attendees = body.path("Attendees");
        if (!attendees.isArray() || attendees.isEmpty() || attendees.size() > 10) {
            throw ChimeException.badRequest("Attendees must hold 1 to 10 attendees");
        }
        List<String> externalUserIds = new java.util.ArrayList<>();
        attendees.forEach(a -> externalUserIds.add(externalUserId(a.path("ExternalUserId"))));
        Meetings.Meeting meeting = newMeeting(body);
        List<Map<String, Object>> created = externalUserIds.stream()
                .map(id -> attendeeJson(meetings.createAttendee(meeting.meetingId(), id))).toList();
        exchange.sendJson(200, Map.of("Meeting", meetingJson(meeting), "Attendees", created, "Errors", List.of()));
    }

    private Meetings.Meeting newMeeting(JsonNode body) {
        String token = text(body, "ClientRequestToken");
        if (token == null || !CLIENT_REQUEST_TOKEN.matcher(token).matches()) {
            throw ChimeException.badRequest("ClientRequestToken is required: 2 to 64 of [-_a-zA-Z0-9]");
        }
        String region = text(body, "MediaRegion");
        if (region == null || !MEDIA_REGIONS.contains(region)) {
            throw ChimeException.badRequest("MediaRegion " + (region == null ? "is required" : "'" + region + "' is not a media region"));
        }
        String external = text(body, "ExternalMeetingId");
        if (external == null || external.length() < 2 || external.length() > 64) {
            throw ChimeException.badRequest("ExternalMeetingId is required: 2 to 64 characters");
        }
        return meetings.create(token, external, region);
    }

    private void batchCreateAttendee(Exchange exchange, String meetingId) throws IOException {
        JsonNode attendees = body(exchange).path("Attendees");
        if (!attendees.isArray() || attendees.isEmpty() || attendees.size() > 100) {
            throw ChimeException.badRequest("Attendees must hold 1 to 100 attendees");
        }
        meetings.get(meetingId);
        List<Map<String, Object>> created = new java.util.ArrayList<>();
        for (JsonNode a : attendees) {
            created.add(attendeeJson(meetings.createAttendee(meetingId, externalUserId(a.path("ExternalUserId")))));
        }
        exchange.sendJson(200, Map.of("Attendees", created, "Errors", List.of()));
    }

    private void createSipMediaApplicationCall(Exchange exchange, String smaId) throws IOException {
        JsonNode body = body(exchange);
        String from = phoneNumber(body, "FromPhoneNumber");
        String to = phoneNumber(body, "ToPhoneNumber");
        Map<String, String> headers = stringMap(body, "SipHeaders", SmaLimits.MAX_CALL_SIP_HEADERS);
        Map<String, String> arguments = stringMap(body, "ArgumentsMap", SmaLimits.MAX_CALL_ARGUMENTS);
        String transactionId = smas.createCall(smaId, from, to, headers, arguments);
        exchange.sendJson(201, Map.of("SipMediaApplicationCall", Map.of("TransactionId", transactionId)));
    }

    private void updateSipMediaApplicationCall(Exchange exchange, String smaId, String transactionId) throws IOException {
        JsonNode body = body(exchange);
        if (!body.has("Arguments")) {
            throw ChimeException.badRequest("Arguments is required");
        }
        Map<String, String> arguments = stringMap(body, "Arguments", SmaLimits.MAX_CALL_ARGUMENTS);
        smas.updateCall(smaId, transactionId, arguments);
        exchange.sendJson(202, Map.of("SipMediaApplicationCall", Map.of("TransactionId", transactionId)));
    }

    Map<String, Object> meetingJson(Meetings.Meeting meeting) {
        String id = meeting.meetingId();
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("AudioHostUrl", publicHost.replaceFirst(":\\d+$", "") + ":3478");
        placement.put("AudioFallbackUrl", "ws://" + publicHost + "/calls/" + id);
        placement.put("SignalingUrl", "ws://" + publicHost + "/control/" + id);
        placement.put("TurnControlUrl", "http://" + publicHost + "/v2/turn_sessions");
        placement.put("ScreenDataUrl", "ws://" + publicHost + "/v2/screen/" + id);
        placement.put("ScreenViewingUrl", "ws://" + publicHost + "/ws/connect?passcode=null&viewer_uuid=null&X-BitHub-Call-Id=" + id);
        placement.put("ScreenSharingUrl", "ws://" + publicHost + "/v2/screen/" + id);
        placement.put("EventIngestionUrl", "http://" + publicHost + "/v1/client-events");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("MeetingId", id);
        json.put("ExternalMeetingId", meeting.externalMeetingId());
        json.put("MediaRegion", meeting.mediaRegion());
        json.put("MediaPlacement", placement);
        json.put("MeetingArn", "arn:aws:chime:" + meeting.mediaRegion() + ":" + accountId + ":meeting/" + id);
        return json;
    }

    private Map<String, Object> attendeeJson(Meetings.Attendee attendee) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("AttendeeId", attendee.attendeeId());
        json.put("ExternalUserId", attendee.externalUserId());
        json.put("JoinToken", attendee.joinToken());
        json.put("Capabilities", Map.of("Audio", "SendReceive", "Video", "SendReceive", "Content", "SendReceive"));
        return json;
    }

    private static JsonNode body(Exchange exchange) throws IOException {
        byte[] bytes = exchange.body();
        if (bytes.length == 0) {
            return Exchange.JSON.createObjectNode();
        }
        try {
            JsonNode node = Exchange.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ChimeException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ChimeException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ChimeException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static String externalUserId(JsonNode value) {
        if (!value.isTextual() || value.asText().length() < 2 || value.asText().length() > 64) {
            throw ChimeException.badRequest("ExternalUserId is required: 2 to 64 characters");
        }
        return value.asText();
    }

    private static String phoneNumber(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw ChimeException.badRequest(field + " is required");
        }
        if (!PhoneNumbers.CHIME_E164.matcher(value).matches()) {
            throw ChimeException.badRequest(field + " '" + value + "' does not match " + PhoneNumbers.CHIME_E164.pattern());
        }
        return value;
    }

    private static Map<String, String> stringMap(JsonNode body, String field, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ChimeException.badRequest(field + " must be a map of strings");
        }
        ObjectNode object = (ObjectNode) node;
        if (object.size() > max) {
            throw ChimeException.badRequest(field + " has " + object.size() + " entries; at most " + max + " are allowed");
        }
        Map<String, String> map = new LinkedHashMap<>();
        var fields = object.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw ChimeException.badRequest(field + "." + entry.getKey() + " must be a string");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }

}
