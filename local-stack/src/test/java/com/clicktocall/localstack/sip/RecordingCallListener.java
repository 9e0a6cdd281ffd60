package com.clicktocall.localstack.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a {@link SipCallListener} is told, as lines such as {@code failed 486}. */
final class RecordingCallListener implements SipCallListener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private volatile String failureReason;

    @Override
    public void ringing() {
        events.add("ringing");
    }

    @Override
    public void answered() {
        events.add("answered");
    }

    @Override
    public void failed(int sipStatus, String reason) {
        failureReason = reason;
        events.add("failed " + sipStatus);
    }

    @Override
    public void notAnswered() {
        events.add("notAnswered");
    }

    @Override
    public void hungUpByFarEnd() {
        events.add("hungUpByFarEnd");
    }

    String failureReason() {
        return failureReason;
    }

    /** Waits for {@code event}, at most {@code timeout}; returns every event seen so far, in order. */
    synchronized List<String> await(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.contains(event)) {
            String next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no '" + event + "' within " + timeout + "; saw " + seen);
            }
            seen.add(next);
        }
        return List.copyOf(seen);
    }

    /** Every event so far, after a quiet {@code wait}. */
    synchronized List<String> settle(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String next;
        while ((next = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            seen.add(next);
        }
        return List.copyOf(seen);
    }
}
