package com.clicktocall.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.sip.SipHeaders;
import com.clicktocall.pbx.DialPlan.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered extensions.conf: ring the agent with the caller's e-mail, echo without one, call out safely. */
class DialPlanTest {

    private static final String PHONE_NUMBER = "+12065550100";
    private static final Pattern BLOCK_REGEX = Pattern.compile("REGEX\\(\"([^\"]+)\" \\$\\{EXTEN}\\)");
    private static final Pattern LABEL_TARGET = Pattern.compile("\\?([A-Za-z0-9_-]+)(?::([A-Za-z0-9_-]+))?$");

    private static DialPlan dialPlan;

    @TempDir
    static Path work;

    @BeforeAll
    static void render() {
        dialPlan = RenderedConfiguration.render(work).dialPlan();
    }

    private static List<Step> inbound() {
        return dialPlan.extension("from-voice-connector", PHONE_NUMBER);
    }

    @Test
    void callFromTheVoiceConnector_readsTheRequestorEmailHeader() {
        Step read = inbound().stream().filter(s -> s.data().contains("PJSIP_HEADER(read,")).findFirst().orElseThrow();

        assertThat(read.application()).isEqualTo("Set");
        assertThat(read.data()).isEqualTo("_REQUESTOR_EMAIL=${PJSIP_HEADER(read," + SipHeaders.REQUESTOR_EMAIL + ")}");
    }

    @Test
    void callFromTheVoiceConnector_ringsTheRegisteredAgentWithTheHeaderAddedBeforeItRings() {
        Step dial = DialPlan.only(inbound(), "Dial");
        assertThat(dial.data()).startsWith("${AGENT_CONTACTS},").contains(",b(agent-leg^s^1)");
        assertThat(inbound()).anySatisfy(s -> assertThat(s.data()).isEqualTo("AGENT_CONTACTS=${PJSIP_DIAL_CONTACTS(${AGENT_ENDPOINT})}"));

        List<Step> preDial = dialPlan.extension("agent-leg", "s");
        assertThat(preDial).anySatisfy(s -> {
            assertThat(s.application()).isEqualTo("Set");
            assertThat(s.data()).isEqualTo("PJSIP_HEADER(add," + SipHeaders.REQUESTOR_EMAIL + ")=${REQUESTOR_EMAIL}");
        });
        assertThat(preDial.getLast().application()).isEqualTo("Return");
    }

    @Test
    void agentsInvite_namesTheCallerByTheVerifiedAddress_andNothingElse() {
        List<Step> steps = inbound();
        Step readHeader = steps.stream().filter(s -> s.data().contains("PJSIP_HEADER(read,")).findFirst().orElseThrow();
        Step name = steps.stream().filter(s -> s.data().startsWith("CALLERID(name)=")).findFirst().orElseThrow();
        // Set on the caller's channel, after the header is read and before Dial: the agent's From is built from it.
        assertThat(name.data()).isEqualTo("CALLERID(name)=${REQUESTOR_EMAIL}");
        assertThat(name.priority()).isGreaterThan(readHeader.priority()).isLessThan(DialPlan.only(steps, "Dial").priority());

        List<Step> preDial = dialPlan.extension("agent-leg", "s");
        assertThat(preDial).anySatisfy(s -> assertThat(s.data()).isEqualTo("CONNECTEDLINE(name,i)=${REQUESTOR_EMAIL}"));
        // CALLERID on the agent's own channel would name the agent, not the caller.
        assertThat(preDial).noneSatisfy(s -> assertThat(s.data()).startsWith("CALLERID("));
    }

    @Test
    void noAgentRegistered_answersAndEchoes() {
        List<Step> steps = inbound();
        Step check = steps.stream().filter(s -> s.application().equals("GotoIf")).findFirst().orElseThrow();
        assertThat(check.data()).contains("${LEN(${AGENT_CONTACTS})} = 0").endsWith("?no-agent");
        assertThat(check.priority()).isLessThan(DialPlan.only(steps, "Dial").priority());

        Step noAgent = DialPlan.labelled(steps, "no-agent");
        List<Step> fallback = steps.subList(noAgent.priority() - 1, steps.size());
        assertThat(fallback).extracting(Step::application).containsSubsequence("Answer", "Echo");
        // A Dial the agent did not answer falls through to the same fallback.
        assertThat(DialPlan.only(steps, "Dial").priority()).isLessThan(noAgent.priority());
    }

    @Test
    void echo_doesNotEndOnHash_butIsBoundedInTime() {
        List<Step> steps = inbound();
        Step echo = DialPlan.labelled(steps, "echo");
        assertThat(echo.application()).isEqualTo("Echo");
        // Echo() returns on '#': the next step goes back into it instead of hanging up.
        Step after = steps.get(echo.priority());
        assertThat(after.application()).isEqualTo("Goto");
        assertThat(after.data()).isEqualTo("echo");
        assertThat(steps.subList(DialPlan.labelled(steps, "no-agent").priority() - 1, steps.size()))
                .extracting(Step::application).doesNotContain("Hangup");
        assertThat(steps).anySatisfy(s -> assertThat(s.data()).isEqualTo("TIMEOUT(absolute)=3600"));
    }

    @Test
    void otherNumbersFromTheVoiceConnector_areHungUp() {
        List<Step> other = dialPlan.extension("from-voice-connector", "_[+0-9].");
        assertThat(other).extracting(Step::application).doesNotContain("Dial", "Echo").endsWith("Hangup");
    }

    @Test
    void agentCallsOut_throughTheVoiceConnectorWithTheDeploymentNumberAsCallerId() {
        List<Step> outbound = dialPlan.extension("from-agent", "_+1NXXNXXXXXX");

        assertThat(DialPlan.only(outbound, "Dial").data()).startsWith("PJSIP/${EXTEN}@voice-connector,");
        assertThat(outbound).anySatisfy(s -> assertThat(s.data()).isEqualTo("CALLERID(num)=" + PHONE_NUMBER));
        assertThat(dialPlan.context("from-agent").keySet()).containsExactlyInAnyOrder("_+1NXXNXXXXXX", "_X.", "_+X.");
        for (String refused : List.of("_X.", "_+X.")) {
            assertThat(dialPlan.extension("from-agent", refused)).extracting(Step::application).doesNotContain("Dial");
        }
    }

    @Test
    void agentCallsOut_refuseEveryPrefixOfTheFunctionsDefaultBlockList() {
        Pattern blocked = agentBlockPattern(dialPlan);

        for (String prefix : DialPolicy.DEFAULT_BLOCK_LIST) {
            String number = (prefix + "2345678901").replace('X', '5').substring(0, 12);
            assertThat(blocked.matcher(number).find()).as("%s (from %s) is blocked", number, prefix).isTrue();
        }
        assertThat(blocked.matcher("+12065550123").find()).isFalse();
        assertThat(blocked.matcher("+14155559760").find()).as("976 only as an exchange or area code").isFalse();
    }

    @Test
    void agentBlockList_isConfigurable(@TempDir Path own) {
        DialPlan custom = RenderedConfiguration.render(own, Map.of("AGENT_DIAL_BLOCK_LIST", "+1206")).dialPlan();
        Pattern blocked = agentBlockPattern(custom);

        assertThat(blocked.matcher("+12065550123").find()).isTrue();
        assertThat(blocked.matcher("+19005550123").find()).isFalse();
    }

    @Test
    void blockedNumber_isHungUpBeforeAnyDial() {
        List<Step> outbound = dialPlan.extension("from-agent", "_+1NXXNXXXXXX");
        Step check = outbound.stream().filter(s -> s.data().contains("${BLOCKED}")).findFirst().orElseThrow();
        Step blocked = DialPlan.labelled(outbound, "blocked");

        assertThat(check.application()).isEqualTo("GotoIf");
        assertThat(check.priority()).isLessThan(DialPlan.only(outbound, "Dial").priority());
        assertThat(outbound.subList(blocked.priority() - 1, outbound.size())).extracting(Step::application)
                .doesNotContain("Dial").endsWith("Hangup");
    }

    @Test
    void everyGotoIfLabel_existsInItsExtension() {
        dialPlan.contexts().forEach((context, extensions) -> extensions.forEach((extension, steps) -> {
            for (Step step : DialPlan.calls(steps, "GotoIf")) {
                Matcher targets = LABEL_TARGET.matcher(step.data());
                assertThat(targets.find()).as("%s@%s: %s", extension, context, step).isTrue();
                for (int group = 1; group <= 2; group++) {
                    if (targets.group(group) != null) {
                        DialPlan.labelled(steps, targets.group(group));
                    }
                }
            }
        }));
    }

    /** The dial plan's block expression, read as a Java pattern (it uses only syntax both share). */
    private static Pattern agentBlockPattern(DialPlan plan) {
        Step check = plan.extension("from-agent", "_+1NXXNXXXXXX").getFirst();
        Matcher regex = BLOCK_REGEX.matcher(check.data());
        assertThat(regex.find()).as("REGEX in %s", check).isTrue();
        return Pattern.compile(regex.group(1));
    }
}
