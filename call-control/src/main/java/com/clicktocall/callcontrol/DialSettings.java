package com.clicktocall.callcontrol;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import com.clicktocall.model.dial.RefusalReason;
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
        Optional<String> vcE164 = vcNumber.map(n -> TypedNumbers.toE164(n).orElseThrow(() -> new IllegalArgumentException(
                "CLICKTOCALL_VOICE_CONNECTOR_PHONE_NUMBER '" + n + "' is not a phone number.")));
        DialPolicy policy = DialPolicy.configured(config.dialAllowedRegions(), config.dialBlockList(), vcE164);
        Optional<String> defaultTo = config.defaultToNumber().map(String::strip).filter(n -> !n.isEmpty());
        if (defaultTo.isPresent() && decide(policy, defaultTo.get()) instanceof DialDecision.Refused refused) {
            throw new IllegalArgumentException("CLICKTOCALL_DEFAULT_TO_NUMBER '" + defaultTo.get()
                    + "' is refused by the dial policy: " + refused.message());
        }
        return new DialSettings(config.smaId().strip(), smaNumber, policy, vcArn, config.mediaRegion().strip(), defaultTo);
    }

    /** What a person typed, read into E.164 (libphonenumber) and then put to the dial policy. */
    public DialDecision decide(String typed) {
        return decide(policy, typed);
    }

    private static DialDecision decide(DialPolicy policy, String typed) {
        if (typed == null || typed.isBlank()) {
            return policy.decide(typed);
        }
        return TypedNumbers.toE164(typed).map(policy::decide)
                .orElseGet(() -> new DialDecision.Refused(RefusalReason.NUMBER_INVALID, "That is not a phone number."));
    }
}
