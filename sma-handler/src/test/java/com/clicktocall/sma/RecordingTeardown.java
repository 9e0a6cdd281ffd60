package com.clicktocall.sma;

import java.util.ArrayList;
import java.util.List;

/** A {@link MeetingTeardown} that records the meetings it was asked to delete and answers as told. */
final class RecordingTeardown implements MeetingTeardown {

    final List<String> deleted = new ArrayList<>();
    private Result answer = Result.DELETED;

    RecordingTeardown answering(Result result) {
        this.answer = result;
        return this;
    }

    @Override
    public Result deleteMeeting(String meetingId) {
        deleted.add(meetingId);
        return answer;
    }
}
