package com.clicktocall.model.sma;

/**
 * Keys of the {@code ArgumentsMap} that call-control gives CreateSipMediaApplicationCall, which the
 * SMA handler keeps as {@code TransactionAttributes}, and of the {@code Arguments} update-call gives
 * UpdateSipMediaApplicationCall. Written once; every function reads them from here.
 */
public final class CallArguments {

    // --- CreateSipMediaApplicationCall ArgumentsMap (kept as TransactionAttributes) ---
    /** The call's key in the call ledger, made by call-control before the SMA call exists. */
    public static final String CALL_ID = "CallId";
    public static final String MEETING_ID = "MeetingId";
    public static final String TO_NUMBER = "ToNumber";
    /** {@link Route#name()} */
    public static final String ROUTE = "Route";
    public static final String VOICE_CONNECTOR_ARN = "VoiceConnectorArn";
    /** The Cognito {@code sub} of the person who dialled: the call's owner. */
    public static final String OWNER_SUB = "OwnerSub";
    public static final String OWNER_EMAIL = "OwnerEmail";

    // --- UpdateSipMediaApplicationCall Arguments ---
    /** {@link UpdateKind#wireName()} */
    public static final String UPDATE = "Update";
    public static final String DIGITS = "Digits";
    /** The Cognito {@code sub} of the person asking for the update; must equal {@link #OWNER_SUB}. */
    public static final String REQUESTER_SUB = "RequesterSub";
    /**
     * With {@code Update=end} from the call guards (meeting-events, call-sweeper): the reason they recorded
     * ({@code caller-left}, {@code time-limit}, ...). Without it an end is the owner's own hang-up. update-call
     * never sends it.
     */
    public static final String END_REASON = "EndReason";

    // --- kept by the SMA handler only ---
    /** Set once the meeting has been deleted, so teardown happens once. */
    public static final String MEETING_DELETED = "MeetingDeleted";
    /** Epoch milliseconds until which the handler waits for the caller to join before it ends the call. */
    public static final String CALLER_WAIT_UNTIL = "CallerWaitUntil";

    /** Where the B leg goes. */
    public enum Route {
        /** A phone number on the public telephone network. */
        PSTN,
        /** The agent's PBX, through the Voice Connector. */
        VOICE_CONNECTOR
    }

    private CallArguments() {
    }
}
