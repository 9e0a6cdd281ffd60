package com.clicktocall.localstack.sip;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the {@link EmbeddedAgent} rings the agent's softphone first, as the PBX's dial plan
 * ({@code pbx/asterisk/extensions.conf}) rings the registered agent: calls to {@code voiceConnectorNumber}
 * go to the address of record {@code sip:<user>@<registrar>} (the registrar, a SIP proxy that holds the
 * softphone's registration, forwards them), and fall back to the embedded agent's own answer when the
 * softphone does not answer within {@code ringTimeout}.
 *
 * @param user the address of record's user, e.g. {@code agent}
 * @param registrar where the INVITE goes: the address of record's host and port (UDP)
 * @param voiceConnectorNumber the only dialled number that rings the softphone (the Voice Connector's)
 * @param ringTimeout how long the softphone rings before the embedded agent takes the call
 */
public record Softphone(String user, SipTarget registrar, String voiceConnectorNumber, Duration ringTimeout) {

    /** The dial plan's AGENT_RING_SECONDS default, and the range {@code pbx/bootstrap.sh} accepts. */
    public static final int DEFAULT_RING_SECONDS = 20;
    public static final int MIN_RING_SECONDS = 5;
    public static final int MAX_RING_SECONDS = 99;

    private static final Pattern ADDRESS_OF_RECORD =
            Pattern.compile("sip:([A-Za-z0-9._~+-]{1,64})@([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?)(?::([0-9]{1,5}))?");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9A-Za-z._~-]{1,64}");

    public Softphone {
        if (user == null || registrar == null) {
            throw new IllegalArgumentException("a softphone needs a user and a registrar");
        }
        if (voiceConnectorNumber == null || !NUMBER.matcher(voiceConnectorNumber).matches()) {
            throw new IllegalArgumentException("the Voice Connector number that rings the softphone must be a phone number, got '"
                    + voiceConnectorNumber + "'");
        }
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("the softphone ring timeout must be positive, got " + ringTimeout);
        }
    }

    /**
     * @param addressOfRecord {@code sip:user@host} or {@code sip:user@host:port} (port 5060 when absent)
     * @throws IllegalArgumentException when it is not that, or the other values are invalid
     */
    public static Softphone of(String addressOfRecord, String voiceConnectorNumber, Duration ringTimeout) {
        String text = addressOfRecord == null ? "" : addressOfRecord.strip();
        Matcher m = ADDRESS_OF_RECORD.matcher(text);
        int port = m.matches() && m.group(3) != null ? Integer.parseInt(m.group(3)) : SipTarget.DEFAULT_PORT;
        if (!m.matches() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("softphone address of record '" + addressOfRecord
                    + "' is not sip:user@host:port (e.g. sip:agent@127.0.0.1:5070)");
        }
        return new Softphone(m.group(1), new SipTarget(m.group(2), port), voiceConnectorNumber, ringTimeout);
    }

    /**
     * Reads the local stack's options: an empty address of record means no softphone.
     *
     * @param ringSeconds a whole number of seconds from {@value #MIN_RING_SECONDS} to {@value #MAX_RING_SECONDS}
     * @throws IllegalArgumentException naming the option value that is wrong
     */
    public static Optional<Softphone> fromOptions(String addressOfRecord, String ringSeconds, String voiceConnectorNumber) {
        if (addressOfRecord == null || addressOfRecord.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(of(addressOfRecord, voiceConnectorNumber, Duration.ofSeconds(ringSeconds(ringSeconds))));
    }

    /** @throws IllegalArgumentException unless a whole number from 5 to 99 */
    public static int ringSeconds(String text) {
        String value = text == null ? "" : text.strip();
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= MIN_RING_SECONDS && seconds <= MAX_RING_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("softphone ring seconds must be a whole number from " + MIN_RING_SECONDS
                + " to " + MAX_RING_SECONDS + ", got '" + text + "'");
    }

    /** {@code sip:<user>@<host>:<port>}: the Request-URI and To of the softphone's INVITE. */
    public String addressOfRecord() {
        return "sip:" + user + "@" + registrar.host() + ":" + registrar.port();
    }
}
