package com.clicktocall.callcontrol;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.ChimeFailures;
import com.clicktocall.model.api.AttendeeEnvelope;
import com.clicktocall.model.api.DialResponse;
import com.clicktocall.model.api.MeetingEnvelope;
import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.model.sma.MeetingDialIn;
import com.clicktocall.model.sma.SmaLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkmeetings.model.Attendee;
import software.amazon.awssdk.services.chimesdkmeetings.model.MediaPlacement;
import software.amazon.awssdk.services.chimesdkmeetings.model.Meeting;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * The Chime side of a dial: creates the meeting and its two attendees (the person's browser and the
 * phone leg) and asks the SMA to call the meeting. The SMA handler bridges the phone leg to the number
 * once the meeting answers.
 *
 * <p>Whatever fails after the meeting exists, the meeting is deleted before the failure is reported, so
 * a failed dial leaves nothing behind and a call whose start timed out (its outcome unknown) cannot
 * bridge: the SMA handler refuses to bridge a call whose meeting has gone.
 */
public class CallPlacement {

    /** ExternalUserId of the phone leg's attendee; the browser's attendee carries the caller's sub. */
    public static final String PHONE_ATTENDEE_ID = "phone-leg";

    private static final Logger LOG = Logger.getLogger(CallPlacement.class);

    private final ChimeSdkMeetingsClient meetings;
    private final ChimeSdkVoiceClient voice;
    private final DialSettings settings;

    public CallPlacement(ChimeSdkMeetingsClient meetings, ChimeSdkVoiceClient voice, DialSettings settings) {
        this.meetings = meetings;
        this.voice = voice;
        this.settings = settings;
    }

    /**
     * @param callId         the call's key in the ledger; also the meeting's request token, so a retried
     *                       CreateMeeting returns the same meeting
     * @param meetingCreated told the meeting id as soon as the meeting exists, before the SMA call
     * @throws com.clicktocall.api.ApiException a Chime failure ({@link ChimeFailures#translate})
     */
    public DialResponse place(String callId, CallerIdentity caller, DialDecision.Allowed allowed, Consumer<String> meetingCreated) {
        Meeting meeting = chime("CreateMeeting", () -> meetings.createMeeting(r -> r
                .clientRequestToken(callId)
                .externalMeetingId(callId)
                .mediaRegion(settings.mediaRegion())).meeting());
        try {
            Attendee browser = chime("CreateAttendee", () -> meetings.createAttendee(r -> r
                    .meetingId(meeting.meetingId()).externalUserId(caller.sub())).attendee());
            Attendee phone = chime("CreateAttendee", () -> meetings.createAttendee(r -> r
                    .meetingId(meeting.meetingId()).externalUserId(PHONE_ATTENDEE_ID)).attendee());
            meetingCreated.accept(meeting.meetingId());
            String transactionId = chime("CreateSipMediaApplicationCall", () -> voice.createSipMediaApplicationCall(r -> r
                    .sipMediaApplicationId(settings.smaId())
                    .fromPhoneNumber(settings.smaPhoneNumber())
                    .toPhoneNumber(MeetingDialIn.PHONE_NUMBER)
                    .sipHeaders(meetingSipHeaders(meeting.meetingId(), phone.joinToken()))
                    .argumentsMap(callArguments(callId, meeting.meetingId(), allowed, caller))).sipMediaApplicationCall().transactionId());
            return new DialResponse(envelope(meeting), envelope(browser), transactionId, allowed.e164());
        } catch (RuntimeException e) {
            abandon(meeting.meetingId(), e);
            throw e;
        }
    }

    /** The headers that make the meeting answer the SMA's call as the phone attendee. */
    static Map<String, String> meetingSipHeaders(String meetingId, String joinToken) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MeetingDialIn.JOIN_TOKEN_HEADER, joinToken);
        headers.put(MeetingDialIn.MEETING_ID_HEADER, meetingId);
        checkLimit("SipHeaders", headers, SmaLimits.MAX_CALL_SIP_HEADERS);
        return headers;
    }

    /**
     * The ArgumentsMap the SMA handler keeps as TransactionAttributes: the call, where to bridge, who owns
     * it, and (on the Voice Connector route only, where it becomes {@code X-RequestorEmail}) the owner's
     * e-mail address.
     */
    Map<String, String> callArguments(String callId, String meetingId, DialDecision.Allowed allowed, CallerIdentity caller) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(CallArguments.CALL_ID, callId);
        arguments.put(CallArguments.MEETING_ID, meetingId);
        arguments.put(CallArguments.TO_NUMBER, allowed.e164());
        arguments.put(CallArguments.ROUTE, allowed.route().name());
        arguments.put(CallArguments.OWNER_SUB, caller.sub());
        if (allowed.route() == CallArguments.Route.VOICE_CONNECTOR) {
            arguments.put(CallArguments.VOICE_CONNECTOR_ARN, settings.voiceConnectorArn().orElseThrow());
            // The agent learns who calls from X-RequestorEmail; a PSTN call has no use for the address.
            caller.email().ifPresent(email -> arguments.put(CallArguments.OWNER_EMAIL, email));
        }
        checkLimit("ArgumentsMap", arguments, SmaLimits.MAX_CALL_ARGUMENTS);
        return arguments;
    }

    private static void checkLimit(String what, Map<String, String> map, int limit) {
        if (map.size() > limit) {
            throw new IllegalStateException(what + " has " + map.size() + " entries; CreateSipMediaApplicationCall takes " + limit);
        }
    }

    private static <T> T chime(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw ChimeFailures.translate(operation, e);
        }
    }

    /** Deletes the meeting of a dial that failed with {@code failure}; a deletion failure is added to it, not thrown. */
    public void abandon(String meetingId, RuntimeException failure) {
        try {
            meetings.deleteMeeting(r -> r.meetingId(meetingId));
            LOG.infof("meeting deleted after a failed dial meetingId=%s", meetingId);
        } catch (RuntimeException e) {
            LOG.errorf("could not delete the meeting of a failed dial meetingId=%s error=%s; it expires on its own"
                    + " once empty", meetingId, e.getClass().getSimpleName());
            failure.addSuppressed(e);
        }
    }

    static MeetingEnvelope envelope(Meeting meeting) {
        MediaPlacement p = meeting.mediaPlacement();
        MeetingEnvelope.MediaPlacement placement = p == null ? null : new MeetingEnvelope.MediaPlacement(
                p.audioHostUrl(), p.audioFallbackUrl(), p.signalingUrl(), p.turnControlUrl(),
                p.screenDataUrl(), p.screenViewingUrl(), p.screenSharingUrl(), p.eventIngestionUrl());
        return new MeetingEnvelope(new MeetingEnvelope.Meeting(
                meeting.meetingId(), meeting.externalMeetingId(), meeting.mediaRegion(), placement, meeting.meetingArn()));
    }

    static AttendeeEnvelope envelope(Attendee attendee) {
        return new AttendeeEnvelope(new AttendeeEnvelope.Attendee(
                attendee.attendeeId(), attendee.externalUserId(), attendee.joinToken()));
    }
}
