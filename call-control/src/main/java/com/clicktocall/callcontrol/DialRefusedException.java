package com.clicktocall.callcontrol;

import com.clicktocall.api.ApiException;
import com.clicktocall.model.dial.RefusalReason;

/**
 * Thrown when the dial policy refuses the number (missing, not a number, outside the allowed regions, in
 * the block-list, premium-rate). 400 with the {@link RefusalReason#code()} and the rule in the message.
 */
public final class DialRefusedException extends ApiException {

    private final RefusalReason reason;

    public DialRefusedException(RefusalReason reason, String message) {
        super(400, reason.code(), message);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
