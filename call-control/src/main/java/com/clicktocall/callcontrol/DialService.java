package com.clicktocall.callcontrol;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.ledger.CallMetrics;
import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.DialClaims;
import com.clicktocall.ledger.LedgerException;
import com.clicktocall.ledger.UserCallLimits;
import com.clicktocall.model.api.DialResponse;
import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.ledger.EndReason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Places a click-to-call call, once: polices the number, claims the dial's {@code Idempotency-Key},
 * takes one of the user's call slots, records the call as dialling in the ledger, and only then asks
 * Chime for the meeting and the SMA call ({@link CallPlacement}).
 *
 * <p>A repeated request with the same key replays the first answer (or is told to wait while the first
 * still runs); a failed attempt gives back the key and the slot and records the call as failed, so a
 * retry starts afresh. See {@code docs/CALL-LEDGER.md}.
 */
public class DialService {

    /** call-control's own timeout in the template: the longest a dial's claim on its key may need. */
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(15);
    /** A retry while the first request runs is told to come back after at most this long. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(2);
    /** Idempotency keys the page makes are UUIDs; anything in this shape is accepted. */
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private static final Logger LOG = Logger.getLogger(DialService.class);

    private final DialSettings settings;
    private final CallPlacement placement;
    private final DialLedger ledger;
    private final ObjectMapper json;
    private final CallMetrics metrics;
    private final Clock clock;

    /** The ledger's parts a dial uses, and how long a dialling call holds its slot. */
    public record DialLedger(DialClaims claims, UserCallLimits slots, UserCallLimits.Limits limits, CallRecords calls,
            Duration diallingLease) {
    }

    /** Metrics on standard output. */
    public DialService(DialSettings settings, CallPlacement placement, DialLedger ledger, ObjectMapper json) {
        this(settings, placement, ledger, json, CallMetrics.toStandardOutput("call-control"), Clock.systemUTC());
    }

    /** @param metrics where the dial's metrics go: placed, refused by the policy or a limit, and the failed ones' ends */
    public DialService(DialSettings settings, CallPlacement placement, DialLedger ledger, ObjectMapper json, CallMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.placement = placement;
        this.ledger = ledger;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param idempotencyKey the request's {@code Idempotency-Key}; empty makes a fresh one, so the request
     *                       is simply not repeatable
     * @param typedNumber    the number as the person typed it; null or blank uses the configured default
     * @throws DialRefusedException           when the dial policy refuses the number
     * @throws InvalidIdempotencyKeyException when the key has the wrong shape
     * @throws DialInProgressException        when the same key's first request is still running
     * @throws CallLimitException             when a per-user limit refuses the dial
     * @throws LedgerUnavailableException     when the ledger cannot be used
     * @throws com.clicktocall.api.ApiException a Chime failure
     */
    public DialResponse dial(CallerIdentity caller, Optional<String> idempotencyKey, String typedNumber) {
        String key = idempotencyKey.orElseGet(() -> UUID.randomUUID().toString());
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        String requested = typedNumber == null || typedNumber.isBlank() ? settings.defaultToNumber().orElse(null) : typedNumber;
        DialDecision.Allowed allowed = switch (settings.decide(requested)) {
            case DialDecision.Allowed a -> a;
            case DialDecision.Refused refused -> {
                metrics.count(CallMetrics.DIALS_REFUSED, CallMetrics.RULE, refused.reason().code(), clock.instant());
                throw new DialRefusedException(refused.reason(), refused.message());
            }
        };

        switch (ledger(() -> ledger.claims().claim(caller.sub(), key, DIAL_TIMEOUT))) {
            case DialClaims.Claim.Replay replay -> {
                return replayed(replay.response());
            }
            case DialClaims.Claim.InProgress inProgress -> throw new DialInProgressException(
                    inProgress.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : inProgress.retryAfter());
            case DialClaims.Claim.Granted granted -> {
                // This request owns the key: go on.
            }
        }
        String callId = UUID.randomUUID().toString();
        try {
            admit(caller, callId);
        } catch (RuntimeException e) {
            ledger.claims().release(caller.sub(), key);
            throw e;
        }
        DialResponse response;
        try {
            ledger(() -> {
                ledger.calls().dialling(callId, caller.sub(), allowed.e164(), allowed.route().name());
                return null;
            });
            metrics.count(CallMetrics.CALLS_PLACED, null, null, clock.instant());
            response = placement.place(callId, caller, allowed,
                    meetingId -> ledger(() -> {
                        ledger.calls().identify(callId, meetingId, Optional.empty());
                        return null;
                    }));
        } catch (RuntimeException e) {
            giveBack(caller, key, callId);
            throw e;
        }
        try {
            ledger(() -> {
                ledger.calls().identify(callId, response.meeting().meeting().meetingId(), Optional.of(response.transactionId()));
                ledger.claims().complete(caller.sub(), key, callId, serialise(response));
                return null;
            });
        } catch (RuntimeException e) {
            // A call the ledger cannot follow must not go on: without its meeting it cannot bridge.
            placement.abandon(response.meeting().meeting().meetingId(), e);
            giveBack(caller, key, callId);
            throw e;
        }
        return response;
    }

    private void admit(CallerIdentity caller, String callId) {
        switch (ledger(() -> ledger.slots().admit(caller.sub(), callId, ledger.diallingLease(), ledger.limits()))) {
            case UserCallLimits.Admission.TooManyActive refused -> {
                metrics.count(CallMetrics.LIMIT_REFUSALS, CallMetrics.LIMIT, CallLimitException.CALL_IN_PROGRESS, clock.instant());
                throw CallLimitException.callInProgress(refused.limit());
            }
            case UserCallLimits.Admission.TooManyPerHour refused -> {
                metrics.count(CallMetrics.LIMIT_REFUSALS, CallMetrics.LIMIT, CallLimitException.TOO_MANY_CALLS, clock.instant());
                throw CallLimitException.tooManyCalls(refused.limit(), refused.retryAfter());
            }
            case UserCallLimits.Admission.Admitted admitted -> {
                // A slot is ours.
            }
        }
    }

    /** After a failed attempt: the call is recorded as failed, its slot and the key are free again. Never throws. */
    private void giveBack(CallerIdentity caller, String key, String callId) {
        try {
            // Counted only by the write that ended it: an SMA event may have ended it first.
            ledger.calls().ended(callId, EndReason.FAILED)
                    .ifPresent(before -> metrics.callEnded(before, EndReason.FAILED, clock.instant()));
        } catch (LedgerException e) {
            LOG.warnf("could not record the failed call callId=%s: %s", callId, e.getMessage());
        }
        try {
            ledger.slots().release(caller.sub(), callId);
        } catch (LedgerException e) {
            LOG.warnf("could not free the failed call's slot callId=%s (its lease frees it): %s", callId, e.getMessage());
        }
        ledger.claims().release(caller.sub(), key);
    }

    private DialResponse replayed(String response) {
        try {
            return json.readValue(response, DialResponse.class);
        } catch (JsonProcessingException e) {
            throw new LedgerUnavailableException(e);
        }
    }

    private String serialise(DialResponse response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dial response could not be written as JSON", e);
        }
    }

    private static <T> T ledger(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (LedgerException e) {
            LOG.warnf("call ledger: %s (%s)", e.getMessage(), e.getCause() == null ? "-"
                    : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            throw new LedgerUnavailableException(e);
        }
    }
}
