package com.clicktocall.localstack.sip.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * One RTP packet (RFC 3550): the fixed 12-byte header and a payload. Enough to write telephone events and
 * to read them back; CSRC lists, header extensions and padding are skipped when reading and never written.
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {

    private static final int VERSION = 2;
    private static final int HEADER_LENGTH = 12;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type must be 0-127, got " + payloadType);
        }
        sequence &= 0xFFFF;
        timestamp &= 0xFFFF_FFFFL;
        ssrc &= 0xFFFF_FFFFL;
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + payload.length);
        out.put((byte) (VERSION << 6));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        out.put(payload);
        return out.array();
    }

    /** The packet in {@code data[0..length)}, or empty when it is not RTP version 2 or is cut short. */
    public static Optional<RtpPacket> parse(byte[] data, int length) {
        if (length < HEADER_LENGTH || length > data.length || (data[0] & 0xC0) >>> 6 != VERSION) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, length);
        int first = in.get() & 0xFF;
        int second = in.get() & 0xFF;
        int sequence = in.getShort() & 0xFFFF;
        long timestamp = in.getInt() & 0xFFFF_FFFFL;
        long ssrc = in.getInt() & 0xFFFF_FFFFL;
        int start = HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < start + 4) {
                return Optional.empty();
            }
            int extensionWords = ((data[start + 2] & 0xFF) << 8) | (data[start + 3] & 0xFF);
            start += 4 + 4 * extensionWords;
        }
        int end = length;
        if ((first & 0x20) != 0 && length > 0) {
            end -= data[length - 1] & 0xFF;
        }
        if (start > end) {
            return Optional.empty();
        }
        return Optional.of(new RtpPacket(second & 0x7F, (second & 0x80) != 0, sequence, timestamp, ssrc,
                Arrays.copyOfRange(data, start, end)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtpPacket p && p.payloadType == payloadType && p.marker == marker
                && p.sequence == sequence && p.timestamp == timestamp && p.ssrc == ssrc
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp * 31 + sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", m=" + marker + ", seq=" + sequence + ", ts=" + timestamp
                + ", ssrc=" + ssrc + ", " + payload.length + " bytes]";
    }
}
