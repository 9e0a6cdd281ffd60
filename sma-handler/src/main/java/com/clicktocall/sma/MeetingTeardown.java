package com.clicktocall.sma;

/**
 * Deletes the meeting of a call that has ended: the one network call the SMA handler makes. Behind an
 * interface so the call flow can be tested without the AWS SDK. Implementations never throw and
 * return within a short, bounded time, because the SMA waits for the handler.
 */
public interface MeetingTeardown {

    /** How a deletion went. */
    enum Outcome {
        /** The meeting was deleted now. */
        DELETED,
        /** The meeting did not exist any more (404): someone else, or an earlier event, deleted it. */
        ALREADY_GONE,
        /** The control plane failed or did not answer in time; a later event of the call tries again. */
        FAILED
    }

    /** @param detail why it failed (error type and status), null otherwise */
    record Result(Outcome outcome, String detail) {

        public static final Result DELETED = new Result(Outcome.DELETED, null);
        public static final Result ALREADY_GONE = new Result(Outcome.ALREADY_GONE, null);

        public static Result failed(String detail) {
            return new Result(Outcome.FAILED, detail);
        }

        /** Whether the meeting is gone now, so the call need not ask again. */
        public boolean gone() {
            return outcome != Outcome.FAILED;
        }
    }

    Result deleteMeeting(String meetingId);
}
