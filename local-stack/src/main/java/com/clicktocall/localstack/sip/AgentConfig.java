package com.clicktocall.localstack.sip;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the {@link EmbeddedAgent} behaves: where it listens, how it answers each dialled number, and the agent's
 * softphone it rings first.
 *
 * @param port UDP port on 127.0.0.1, 0 for any free port
 * @param ringDelay how long {@link AgentBehaviour#ANSWER} rings before the 200 OK
 * @param defaultBehaviour for numbers not in {@code byNumber}
 * @param byNumber behaviour per dialled number (the Request-URI's user part, e.g. {@code +15550100486})
 * @param softphone the agent's softphone, rung first for calls to its Voice Connector number; {@code null}
 *        for none (every call is the embedded agent's)
 * @param callerOffers the caller pages' WebRTC offers, sent to the softphone in place of the agent's own SDP;
 *        {@code null} for none
 * @param rememberedCalls ended calls beyond this many are forgotten, oldest first, so a long-running stack stays small
 */
public record AgentConfig(int port, Duration ringDelay, AgentBehaviour defaultBehaviour,
        Map<String, AgentBehaviour> byNumber, Softphone softphone, CallerMediaOffers callerOffers, int rememberedCalls) {

    /** Ended calls beyond this many are forgotten, oldest first, unless the configuration says otherwise. */
    static final int MAX_REMEMBERED_CALLS = 500;

    public AgentConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("agent port must be 0-65535, got " + port);
        }
        if (ringDelay == null || ringDelay.isNegative()) {
            throw new IllegalArgumentException("ring delay must be zero or positive, got " + ringDelay);
        }
        if (defaultBehaviour == null) {
            throw new IllegalArgumentException("a default behaviour is required");
        }
        byNumber = Map.copyOf(byNumber);
        if (rememberedCalls < 0) {
            throw new IllegalArgumentException("remembered calls must be zero or more, got " + rememberedCalls);
        }
    }

    /** Any free port, answers every call at once. */
    public static AgentConfig defaults() {
        return new AgentConfig(0, Duration.ZERO, AgentBehaviour.ANSWER, Map.of(), null, null, MAX_REMEMBERED_CALLS);
    }

    public AgentConfig withPort(int port) {
        return new AgentConfig(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, rememberedCalls);
    }

    public AgentConfig withRingDelay(Duration ringDelay) {
        return new AgentConfig(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, rememberedCalls);
    }

    public AgentConfig withDefaultBehaviour(AgentBehaviour behaviour) {
        return new AgentConfig(port, ringDelay, behaviour, byNumber, softphone, callerOffers, rememberedCalls);
    }

    public AgentConfig withBehaviours(Map<String, AgentBehaviour> behaviours) {
        Map<String, AgentBehaviour> all = new LinkedHashMap<>(byNumber);
        all.putAll(behaviours);
        return new AgentConfig(port, ringDelay, defaultBehaviour, all, softphone, callerOffers, rememberedCalls);
    }

    public AgentConfig withBehaviour(String number, AgentBehaviour behaviour) {
        return withBehaviours(Map.of(number, behaviour));
    }

    /**
     * Rings the agent's softphone first for calls to {@code softphone.voiceConnectorNumber()}; the behaviours
     * apply when it does not answer. {@code null} switches it off.
     */
    public AgentConfig withSoftphone(Softphone softphone) {
        return new AgentConfig(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, rememberedCalls);
    }

    /**
     * @param addressOfRecord e.g. {@code sip:agent@127.0.0.1:5070}
     * @throws IllegalArgumentException see {@link Softphone#of}
     */
    public AgentConfig withSoftphone(String addressOfRecord, String voiceConnectorNumber, Duration ringTimeout) {
        return withSoftphone(Softphone.of(addressOfRecord, voiceConnectorNumber, ringTimeout));
    }

    /**
     * When the softphone is rung for a call whose {@code X-RequestorEmail} has an offer in {@code offers}, the
     * offer (the caller page's WebRTC SDP) is taken and sent unchanged as the softphone leg's SDP, and the
     * softphone's answer goes to {@link AgentListener#callerMediaAnswered}; the agent then sends no audio of
     * its own on that leg.
     */
    public AgentConfig withCallerOffers(CallerMediaOffers offers) {
        return new AgentConfig(port, ringDelay, defaultBehaviour, byNumber, softphone, offers, rememberedCalls);
    }

    /** Ended calls beyond {@code count} are forgotten (their snapshots leave {@link EmbeddedAgent#calls()}), oldest first. */
    public AgentConfig withRememberedCalls(int count) {
        return new AgentConfig(port, ringDelay, defaultBehaviour, byNumber, softphone, callerOffers, count);
    }

    AgentBehaviour behaviourFor(String number) {
        return byNumber.getOrDefault(number, defaultBehaviour);
    }

    /** The softphone to ring first for a call to {@code number}: only the Voice Connector's number has one. */
    Optional<Softphone> softphoneFor(String number) {
        return Optional.ofNullable(softphone).filter(s -> s.voiceConnectorNumber().equals(number));
    }

    /** The caller page's offer for {@code email}, taken: given at most once. */
    Optional<String> takeCallerOffer(String email) {
        return callerOffers == null ? Optional.empty() : callerOffers.take(email);
    }
}
