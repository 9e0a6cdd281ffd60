package com.clicktocall.model.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an e-mail address belongs to the deployment's allowed domain: at sign-up (the Cognito
 * pre-sign-up trigger) and again at every dial (call-control), so a user created some other way (by an
 * administrator, before the setting changed) cannot call from outside the domain either.
 *
 * <p>With a domain set, the address must have exactly one {@code @} and a domain equal to the allowed
 * one, ignoring case: {@code user@Example.COM} passes {@code example.com}, while
 * {@code user@evil.com@example.com}, {@code user@example.com.evil.com} and {@code user@sales.example.com}
 * do not. Sub-domains are refused on purpose: the setting names the one domain whose mailboxes the
 * deployment trusts.
 */
public final class EmailDomainRule {

    /** Why an address was refused; the message is fit to show the person. */
    public record Refusal(Kind kind, String message) {
    }

    public enum Kind {
        /** No address at all. */
        MISSING,
        /** Not one local part, one {@code @} and one domain. */
        MALFORMED,
        /** A well-formed address outside the allowed domain. */
        OTHER_DOMAIN
    }

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

    /** The allowed domain, lower case; empty when any domain is admitted. */
    public String allowedDomain() {
        return allowedDomain;
    }

    /** Empty when the address is admitted, otherwise why not. */
    public Optional<Refusal> refusal(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of(new Refusal(Kind.MISSING, "An e-mail address is required."));
        }
        Optional<String> domain = domainOf(email);
        if (domain.isEmpty()) {
            // The address is not echoed: the message also reaches logs (a refused Lambda's error).
            return Optional.of(new Refusal(Kind.MALFORMED, "This is not a valid e-mail address: use the form name@domain."));
        }
        if (admitsAnyDomain() || domain.get().equals(allowedDomain)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(Kind.OTHER_DOMAIN, "Only e-mail addresses at " + allowedDomain + " may use this service."));
    }

    public boolean admits(String email) {
        return refusal(email).isEmpty();
    }

    /**
     * The domain of a well-formed address, lower case and without a trailing dot; empty for anything
     * else. What may be logged of an address: the mailbox stays out of the logs.
     */
    public static Optional<String> domainOf(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String address = email.strip();
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(normalise(address.substring(at + 1)));
    }

    private static String normalise(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        // A fully qualified name may end with a dot; it names the same domain.
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
