package com.clicktocall.localstack.sip;

import com.clicktocall.model.sip.SipHeaders;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AgentListener} that writes what the agent tells it as lines, in order:
 * {@code state: <state> by <who>}, {@code softphone: <event>}, {@code answer relayed for <e-mail>};
 * the relayed answers themselves are kept apart.
 */
final class ToldLines implements AgentListener {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> answers = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(AgentCall call) {
        lines.add("state: " + call.state() + (call.answeredBy() == null ? "" : " by " + call.answeredBy().label()));
    }

    @Override
    public void softphoneProgress(AgentCall call, String event) {
        lines.add("softphone: " + event);
    }

    @Override
    public void callerMediaAnswered(AgentCall call, String sdp) {
        lines.add("answer relayed for " + call.header(SipHeaders.REQUESTOR_EMAIL).orElse("?"));
        answers.add(sdp);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> answers() {
        return List.copyOf(answers);
    }

    /** The lines once {@code last} has been told, or after {@code wait}: the agent tells after it sends. */
    List<String> upTo(Duration wait, String last) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!lines.contains(last) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return lines();
    }
}
