package com.clicktocall.provisioning;

import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.chimesdkvoice.model.NotFoundException;
import software.amazon.awssdk.services.chimesdkvoice.model.SipRuleTargetApplication;
import software.amazon.awssdk.services.chimesdkvoice.model.SipRuleTriggerType;

/**
 * {@code Custom::SipRule}: routes calls to the SIP media application's number to the application
 * (a {@code ToPhoneNumber} rule). Kept apart from the number so that the number can be ordered before
 * the application exists: the SMA handler needs the number, and the application needs the handler.
 *
 * <p>Properties: {@code AwsRegion}, {@code Name}, {@code PhoneNumber}, {@code SipMediaApplicationId}.
 * Attribute: {@code SipRuleId}.
 */
public final class SipRuleResource implements CustomResource {

    public static final String TYPE = "Custom::SipRule";

    private static final Logger LOG = Logger.getLogger(SipRuleResource.class);
    private static final String PREFIX = "sip-rule:";

    private final ChimeVoiceClients chime;

    public SipRuleResource(ChimeVoiceClients chime) {
        this.chime = chime;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Outcome create(ResourceProperties properties, Progress progress, Deadline deadline) {
        ChimeSdkVoiceClient client = chime.forRegion(properties.required("AwsRegion"));
        String number = properties.required("PhoneNumber");
        String ruleId = client.createSipRule(b -> b
                        .name(properties.required("Name"))
                        .triggerType(SipRuleTriggerType.TO_PHONE_NUMBER)
                        .triggerValue(number)
                        .disabled(false)
                        .targetApplications(target(properties)))
                .sipRule().sipRuleId();
        progress.created(PREFIX + ruleId);
        LOG.infof("SIP rule %s routes %s to SIP media application %s", ruleId, number,
                properties.required("SipMediaApplicationId"));
        return outcome(ruleId);
    }

    @Override
    public Outcome update(String physicalId, ResourceProperties properties, ResourceProperties old, Progress progress,
            Deadline deadline) {
        if (!physicalId.startsWith(PREFIX) || properties.differsFrom(old, "AwsRegion", "PhoneNumber")) {
            return create(properties, progress, deadline);
        }
        String ruleId = physicalId.substring(PREFIX.length());
        chime.forRegion(properties.required("AwsRegion")).updateSipRule(b -> b
                .sipRuleId(ruleId)
                .name(properties.required("Name"))
                .disabled(false)
                .targetApplications(target(properties)));
        return outcome(ruleId);
    }

    @Override
    public void delete(String physicalId, ResourceProperties properties, Deadline deadline) {
        if (!physicalId.startsWith(PREFIX)) {
            return;
        }
        String ruleId = physicalId.substring(PREFIX.length());
        ChimeSdkVoiceClient client = chime.forRegion(properties.required("AwsRegion"));
        try {
            // A rule must be disabled before it can be deleted.
            client.updateSipRule(b -> b.sipRuleId(ruleId).name(properties.required("Name")).disabled(true));
            client.deleteSipRule(b -> b.sipRuleId(ruleId));
            LOG.infof("deleted SIP rule %s", ruleId);
        } catch (NotFoundException alreadyGone) {
            LOG.infof("SIP rule %s was already deleted", ruleId);
        }
    }

    private static SipRuleTargetApplication target(ResourceProperties properties) {
        return SipRuleTargetApplication.builder()
                .sipMediaApplicationId(properties.required("SipMediaApplicationId"))
                .awsRegion(properties.required("AwsRegion"))
                .priority(1)
                .build();
    }

    private static Outcome outcome(String ruleId) {
        return new Outcome(PREFIX + ruleId, Map.of("SipRuleId", ruleId));
    }
}
