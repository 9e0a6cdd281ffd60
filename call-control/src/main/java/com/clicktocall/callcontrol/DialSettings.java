package com.clicktocall.callcontrol;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * call-control's configuration, checked: built once at start-up so that a deployment with a wrong
 * setting fails at once with a message naming the variable, instead of on the first call.
 */
public record DialSettings(
        String smaId,
        String smaPhoneNumber,
        DialPolicy policy,
        Optional<String> voiceConnectorArn,
        String mediaRegion,
        Optional<String> defaultToNumber) {

    /** E.164 with the plus sign, as Chime's FromPhoneNumber and CallerIdNumber need it. */
    static final Pattern STRICT_E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern VOICE_CONNECTOR_ARN = Pattern.compile("arn:aws[a-z-]*:chime:[a-z0-9-]*:\\d{12}:vc/[A-Za-z0-9]+");

    /**
     * @throws IllegalArgumentException naming the environment variable at fault
     */
    public static DialSettings from(CallControlConfig config) {
        if (config.smaId().isBlank()) {
            throw new IllegalArgumentException("CLICKTOCALL_SMA_ID is empty: set the SIP media application id.");
        }
        String smaNumber = config.smaPhoneNumber().strip();
        if (!STRICT_E164.matcher(smaNumber).matches()) {
            throw new IllegalArgumentException("CLICKTOCALL_SMA_PHONE_NUMBER '" + smaNumber
                    + "' is not an E.164 number: write it as + and up to 15 digits, e.g. +12065550100.");
        }
        Optional<String> vcNumber = config.voiceConnectorPhoneNumber().map(String::strip).filter(n -> !n.isEmpty());
        Optional<String> vcArn = config.voiceConnectorArn().map(String::strip).filter(a -> !a.isEmpty());
        if (vcNumber.isPresent() && vcArn.isEmpty()) {
            throw new IllegalArgumentException("CLICKTOCALL_VOICE_CONNECTOR_PHONE_NUMBER is set but CLICKTOCALL_VOICE_CONNECTOR_ARN"
                    + " is not: calls to the agent need the Voice Connector's ARN.");
        }
        if (vcArn.isPresent() && !VOICE_CONNECTOR_ARN.matcher(vcArn.get()).matches()) {
            throw new IllegalArgumentException("CLICKTOCALL_VOICE_CONNECTOR_ARN '" + vcArn.get()
                    + "' is not a Voice Connector ARN (arn:aws:chime:REGION:ACCOUNT:vc/ID).");
        }
        DialPolicy policy;
        try {
            policy = new DialPolicy(
                    config.dialAllowList().orElse(DialPolicy.DEFAULT_ALLOW_LIST),
                    config.dialBlockList().orElse(DialPolicy.DEFAULT_BLOCK_LIST),
                    vcNumber);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CLICKTOCALL_DIAL_ALLOW_LIST, CLICKTOCALL_DIAL_BLOCK_LIST or "
                    + "CLICKTOCALL_VOICE_CONNECTOR_PHONE_NUMBER: " + e.getMessage(), e);
        }
        Optional<String> defaultTo = config.defaultToNumber().map(String::strip).filter(n -> !n.isEmpty());
        if (defaultTo.isPresent() && policy.decide(defaultTo.get()) instanceof DialDecision.Refused refused) {
            throw new IllegalArgumentException("CLICKTOCALL_DEFAULT_TO_NUMBER '" + defaultTo.get()
                    + "' is refused by the dial policy: " + refused.message());
        }
        return new DialSettings(config.smaId().strip(), smaNumber, policy, vcArn, config.mediaRegion().strip(), defaultTo);
    }
}
