package com.clicktocall.presignup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * The Cognito pre-sign-up trigger. It reads {@code request.userAttributes.email}, refuses addresses
 * outside the allowed domain, and otherwise returns the event unchanged (so Cognito still asks the
 * person to verify the address). The event stays a JSON tree: Cognito adds fields over time and they
 * must round-trip untouched.
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
        try {
            rule.check(email);
        } catch (SignUpRefused refused) {
            // The address is what the person typed; the pool id says which deployment refused it.
            LOG.infof("sign-up refused pool=%s source=%s: %s", text(event, "userPoolId"), text(event, "triggerSource"),
                    refused.getMessage());
            throw refused;
        }
        return event;
    }

    private static String text(JsonNode event, String field) {
        return event.path(field).asText("");
    }
}
