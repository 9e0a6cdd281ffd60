package com.clicktocall.presignup;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an e-mail address may sign up. With a domain set, the address must have exactly
 * one {@code @} and a domain equal to the allowed one, ignoring case: {@code user@Example.COM} passes
 * {@code example.com}, while {@code user@evil.com@example.com}, {@code user@example.com.evil.com} and
 * {@code user@sales.example.com} do not. Sub-domains are refused on purpose: the setting names the
 * one domain whose mailboxes the deployment trusts.
 */
public final class EmailDomainRule {

    private final String allowedDomain;

    private EmailDomainRule(String allowedDomain) {
        this.allowedDomain = allowedDomain;
    }

    /** A rule for the given setting; empty or blank means any domain. A leading {@code @} is tolerated. */
    public static EmailDomainRule of(Optional<String> setting) {
        String domain = setting.map(String::strip).orElse("");
        if (domain.startsWith("@")) {
            domain = domain.substring(1);
        }
        return new EmailDomainRule(normalise(domain));
    }

    public boolean admitsAnyDomain() {
        return allowedDomain.isEmpty();
    }

    /** Throws {@link SignUpRefused} with a message fit to show the person signing up. */
    public void check(String email) {
        if (email == null || email.isBlank()) {
            throw new SignUpRefused("An e-mail address is required to sign up.");
        }
        String address = email.strip();
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            throw new SignUpRefused("'" + address + "' is not a valid e-mail address.");
        }
        if (admitsAnyDomain()) {
            return;
        }
        String domain = normalise(address.substring(at + 1));
        if (!domain.equals(allowedDomain)) {
            throw new SignUpRefused("Sign-up is limited to e-mail addresses at " + allowedDomain + ".");
        }
    }

    private static String normalise(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        // A fully qualified name may end with a dot; it names the same domain.
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
