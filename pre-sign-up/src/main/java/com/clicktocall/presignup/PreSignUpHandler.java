package com.clicktocall.presignup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.clicktocall.model.identity.EmailDomainRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Named;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Cognito pre-sign-up trigger. It reads {@code request.userAttributes.email}, refuses addresses
 * outside the allowed domain ({@link EmailDomainRule}, the rule call-control applies again at every
 * dial), and otherwise returns the event unchanged (so Cognito still asks the person to verify the
 * address). The event stays a JSON tree: Cognito adds fields over time and they must round-trip untouched.
 */
@Named("pre-sign-up")
public class PreSignUpHandler implements RequestHandler<ObjectNode, ObjectNode> {

    private static final Logger LOG = Logger.getLogger(PreSignUpHandler.class);

    private final EmailDomainRule rule;

    public PreSignUpHandler(PreSignUpConfig config) {
        this.rule = EmailDomainRule.of(config.allowedEmailDomain());
    }

    @Override
    public ObjectNode handleRequest(ObjectNode event, Context context) {
        String email = event.path("request").path("userAttributes").path("email").asText(null);
        Optional<EmailDomainRule.Refusal> refusal = rule.refusal(email);
        if (refusal.isPresent()) {
            // Only the domain is logged: the mailbox is personal data of someone who is not a user.
            LOG.infof("sign-up refused pool=%s source=%s reason=%s domain=%s", text(event, "userPoolId"),
                    text(event, "triggerSource"), refusal.get().kind(), EmailDomainRule.domainOf(email).orElse("-"));
            throw new SignUpRefused(message(refusal.get()));
        }
        return event;
    }

    /** Cognito shows this to the person signing up (after "PreSignUp failed with error"). */
    private String message(EmailDomainRule.Refusal refusal) {
        return switch (refusal.kind()) {
            case MISSING -> "An e-mail address is required to sign up.";
            case MALFORMED -> refusal.message();
            case OTHER_DOMAIN -> "Sign-up is limited to e-mail addresses at " + rule.allowedDomain() + ".";
        };
    }

    private static String text(JsonNode event, String field) {
        return event.path(field).asText("");
    }
}
