package com.clicktocall.localstack.sma;

import com.clicktocall.localstack.sip.SipTarget;
import com.clicktocall.model.sma.SmaLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The emulated SIP media application and how its engine behaves.
 *
 * @param handlerFunction      the Lambda function the SMA invokes
 * @param phoneNumbers         numbers the SMA owns: valid {@code FromPhoneNumber} and caller ids
 * @param voiceConnectorArns   Voice Connectors a CallAndBridge of type AWS may name
 * @param voiceConnectorTarget where calls through the Voice Connector go (the agent's PBX)
 * @param pstnTarget           where calls to PSTN numbers go
 * @param invocationTimeout    the SMA retries a handler that has not answered within this ({@value SmaLimits#INVOCATION_TIMEOUT_MS} ms in AWS)
 * @param hangupAfter          and hangs up when it still has no answer after this ({@value SmaLimits#HANGUP_AFTER_MS} ms in AWS)
 * @param callsDirectory       where each call's timeline is written (null: not written)
 * @param retainedEndedCalls   how many ended calls' timelines stay in memory (the newest; every one is also written to {@code callsDirectory})
 */
public record SmaSettings(String sipMediaApplicationId, String accountId, String region, String handlerFunction,
        Set<String> phoneNumbers, Set<String> voiceConnectorArns, SipTarget voiceConnectorTarget, SipTarget pstnTarget,
        Duration invocationTimeout, Duration hangupAfter, Path callsDirectory, int retainedEndedCalls) {

    public static final Duration AWS_INVOCATION_TIMEOUT = Duration.ofMillis(SmaLimits.INVOCATION_TIMEOUT_MS);
    public static final Duration AWS_HANGUP_AFTER = Duration.ofMillis(SmaLimits.HANGUP_AFTER_MS);
    /** The SMA gives up on a call whose handler has been invoked this often. */
    public static final int MAX_INVOCATIONS_PER_CALL = 1000;

    /** Ended calls whose timelines stay in memory when no other number is given. */
    public static final int DEFAULT_RETAINED_ENDED_CALLS = 200;

    public SmaSettings {
        phoneNumbers = Set.copyOf(phoneNumbers);
        voiceConnectorArns = Set.copyOf(voiceConnectorArns);
        if (retainedEndedCalls < 0) {
            throw new IllegalArgumentException("retainedEndedCalls < 0");
        }
    }

    public SmaSettings(String sipMediaApplicationId, String accountId, String region, String handlerFunction,
            Set<String> phoneNumbers, Set<String> voiceConnectorArns, SipTarget voiceConnectorTarget, SipTarget pstnTarget,
            Duration invocationTimeout, Duration hangupAfter, Path callsDirectory) {
        this(sipMediaApplicationId, accountId, region, handlerFunction, phoneNumbers, voiceConnectorArns, voiceConnectorTarget,
                pstnTarget, invocationTimeout, hangupAfter, callsDirectory, DEFAULT_RETAINED_ENDED_CALLS);
    }
}
