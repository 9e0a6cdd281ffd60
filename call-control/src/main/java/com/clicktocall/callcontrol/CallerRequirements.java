package com.clicktocall.callcontrol;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.model.identity.EmailDomainRule;

/**
 * Who may dial: a person whose e-mail address Cognito has verified and which lies in the allowed domain
 * (the same {@link EmailDomainRule} the pre-sign-up trigger applies). Checked before anything else a
 * dial does, so a refused caller costs no ledger write and no Chime call.
 */
public final class CallerRequirements {

    private final EmailDomainRule domainRule;

    public CallerRequirements(EmailDomainRule domainRule) {
        this.domainRule = domainRule;
    }

    public static CallerRequirements from(CallControlConfig config) {
        return new CallerRequirements(EmailDomainRule.of(config.allowedEmailDomain()));
    }

    /**
     * @throws EmailNotVerifiedException       when the token has no verified e-mail address
     * @throws EmailDomainNotAllowedException  when the address is outside the allowed domain
     */
    public void check(CallerIdentity caller) {
        if (caller.email().isEmpty() || !caller.emailVerified()) {
            throw new EmailNotVerifiedException();
        }
        domainRule.refusal(caller.email().get()).ifPresent(refusal -> {
            throw new EmailDomainNotAllowedException(refusal.message());
        });
    }
}
