package com.clicktocall.model.sma;

/**
 * How the SMA's A leg joins a Chime SDK meeting: CreateSipMediaApplicationCall to the meeting SIP
 * integration number, with the phone attendee's join token and the meeting id in SIP headers. Those
 * headers never reach the handler, which is why the meeting id also travels in the ArgumentsMap.
 */
public final class MeetingDialIn {

    public static final String PHONE_NUMBER = "+17035550122";
    public static final String JOIN_TOKEN_HEADER = "X-chime-join-token";
    public static final String MEETING_ID_HEADER = "X-chime-meeting-id";

    private MeetingDialIn() {
    }
}
