package com.clicktocall.presignup;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The pre-sign-up trigger's settings (see docs/CONFIGURATION.md). */
@ConfigMapping(prefix = "clicktocall")
public interface PreSignUpConfig {

    /**
     * {@code CLICKTOCALL_ALLOWED_EMAIL_DOMAIN}: only addresses of exactly this domain may sign up.
     * Empty or absent admits any domain.
     */
    Optional<String> allowedEmailDomain();
}
