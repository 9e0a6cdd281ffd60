package com.clicktocall.localstack.sip;

import com.clicktocall.localstack.sip.rtp.TelephoneEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/**
 * The SDP of this project's calls: PCMU/8000 audio with RFC 4733 {@code telephone-event/8000}, on
 * loopback. Written as text; read with the SDP parser of the JAIN-SIP reference stack.
 */
final class SessionDescriptions {

    static final String CONTENT_TYPE = "application";
    static final String CONTENT_SUBTYPE = "sdp";
    /** RFC 3551's static payload type for PCMU/8000: the only audio codec offered. */
    static final int PCMU = 0;

    /** Where to send RTP, and the payload type the far end expects for telephone events. */
    record Media(InetSocketAddress address, int telephoneEventPayloadType) {
    }

    private SessionDescriptions() {
    }

    /**
     * An offer, or an answer to an offer that includes PCMU: audio on {@code rtpPort} of 127.0.0.1,
     * telephone events as {@code telephoneEventPayloadType}.
     */
    static byte[] describe(int rtpPort, int telephoneEventPayloadType, long sessionId) {
        String sdp = String.join("\r\n",
                "v=0",
                "o=- " + sessionId + " " + sessionId + " IN IP4 " + LoopbackSipStack.HOST,
                "s=click-to-call",
                "c=IN IP4 " + LoopbackSipStack.HOST,
                "t=0 0",
                "m=audio " + rtpPort + " RTP/AVP " + PCMU + " " + telephoneEventPayloadType,
                "a=rtpmap:" + PCMU + " PCMU/8000",
                "a=rtpmap:" + telephoneEventPayloadType + " telephone-event/8000",
                "a=fmtp:" + telephoneEventPayloadType + " 0-16",
                "a=ptime:20",
                "a=sendrecv",
                "");
        return sdp.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The first audio stream of {@code body}: its address (media-level connection, else session-level)
     * and its telephone-event payload type ({@link TelephoneEvent#DEFAULT_PAYLOAD_TYPE} when it names
     * none). Empty when there is no body, it does not parse, or the stream is disabled (port 0) or on hold
     * (address 0.0.0.0).
     */
    static Optional<Media> audio(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            SessionDescription session = SdpFactory.getInstance()
                    .createSessionDescription(new String(body, StandardCharsets.US_ASCII));
            @SuppressWarnings("unchecked")
            Vector<MediaDescription> media = session.getMediaDescriptions(false);
            if (media == null) {
                return Optional.empty();
            }
            for (MediaDescription description : media) {
                if (!"audio".equalsIgnoreCase(description.getMedia().getMediaType())) {
                    continue;
                }
                int port = description.getMedia().getMediaPort();
                Connection connection = description.getConnection() != null
                        ? description.getConnection() : session.getConnection();
                if (port <= 0 || connection == null || "0.0.0.0".equals(connection.getAddress())) {
                    return Optional.empty();
                }
                return Optional.of(new Media(new InetSocketAddress(connection.getAddress(), port),
                        telephoneEventPayloadType(description)));
            }
            return Optional.empty();
        } catch (SdpException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int telephoneEventPayloadType(MediaDescription description) throws SdpException {
        @SuppressWarnings("unchecked")
        Vector<javax.sdp.Attribute> attributes = description.getAttributes(false);
        if (attributes != null) {
            for (javax.sdp.Attribute attribute : attributes) {
                String value = attribute.getValue();
                if ("rtpmap".equals(attribute.getName()) && value != null
                        && value.toLowerCase(Locale.ROOT).contains("telephone-event/8000")) {
                    try {
                        return Integer.parseInt(value.strip().split("\\s+")[0]);
                    } catch (NumberFormatException e) {
                        // a malformed rtpmap line: keep looking
                    }
                }
            }
        }
        return TelephoneEvent.DEFAULT_PAYLOAD_TYPE;
    }
}
