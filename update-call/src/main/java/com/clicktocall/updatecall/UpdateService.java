package com.clicktocall.updatecall;

import com.clicktocall.api.CallNotFoundException;
import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.ChimeFailures;
import com.clicktocall.api.InvalidFieldException;
import com.clicktocall.model.api.UpdateRequest;
import com.clicktocall.model.api.UpdateResponse;
import com.clicktocall.model.dial.DtmfDigits;
import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.model.sma.SmaLimits;
import com.clicktocall.model.sma.UpdateKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * Hands a person's update (digits, or hang up) to the SMA through UpdateSipMediaApplicationCall. The
 * SMA handler decides: it acts only when the requester owns the call, so this class checks input, not
 * ownership, and never touches the meeting.
 */
public class UpdateService {

    public static final String INVALID_TRANSACTION_ID = "invalid_transaction_id";
    public static final String INVALID_UPDATE = "invalid_update";
    public static final String INVALID_DIGITS = "invalid_digits";

    /** SMA transaction ids are UUIDs; checking the shape keeps odd text out of the request path. */
    private static final Pattern TRANSACTION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ChimeSdkVoiceClient voice;
    private final String smaId;

    public UpdateService(ChimeSdkVoiceClient voice, String smaId) {
        this.voice = voice;
        this.smaId = smaId;
    }

    /**
     * @throws InvalidFieldException when the transaction id, the update kind or the digits are not acceptable
     * @throws CallNotFoundException when Chime does not know the call
     * @throws com.clicktocall.api.ApiException another Chime failure ({@link ChimeFailures#translate})
     */
    public UpdateResponse update(CallerIdentity caller, UpdateRequest request) {
        String transactionId = request.transactionId();
        if (transactionId == null || !TRANSACTION_ID.matcher(transactionId).matches()) {
            throw new InvalidFieldException(INVALID_TRANSACTION_ID,
                    "'transactionId' must be the call's transaction id (a UUID) from the dial answer.");
        }
        UpdateKind kind = UpdateKind.fromWire(request.update()).orElseThrow(() -> new InvalidFieldException(INVALID_UPDATE,
                "'update' must be \"" + UpdateKind.DIGITS.wireName() + "\" or \"" + UpdateKind.END.wireName() + "\"."));
        Optional<String> digits = Optional.empty();
        if (kind == UpdateKind.DIGITS) {
            DtmfDigits.problem(request.digits()).ifPresent(problem -> {
                throw new InvalidFieldException(INVALID_DIGITS, "'digits': " + problem + ".");
            });
            digits = Optional.of(DtmfDigits.normalise(request.digits()));
        }

        Map<String, String> arguments = updateArguments(kind, digits, caller);
        try {
            voice.updateSipMediaApplicationCall(r -> r
                    .sipMediaApplicationId(smaId)
                    .transactionId(transactionId)
                    .arguments(arguments));
        } catch (SdkException e) {
            if (ChimeFailures.isNotFound(e)) {
                throw new CallNotFoundException("There is no call " + transactionId + " any more: it has ended.");
            }
            throw ChimeFailures.translate("UpdateSipMediaApplicationCall", e);
        }
        return new UpdateResponse(transactionId, kind.wireName(), digits.orElse(null));
    }

    /** The Arguments the SMA handler receives in CALL_UPDATE_REQUESTED. */
    static Map<String, String> updateArguments(UpdateKind kind, Optional<String> digits, CallerIdentity caller) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(CallArguments.UPDATE, kind.wireName());
        digits.ifPresent(d -> arguments.put(CallArguments.DIGITS, d));
        arguments.put(CallArguments.REQUESTER_SUB, caller.sub());
        if (arguments.size() > SmaLimits.MAX_CALL_ARGUMENTS) {
            throw new IllegalStateException("Arguments has " + arguments.size() + " entries; the limit is " + SmaLimits.MAX_CALL_ARGUMENTS);
        }
        return arguments;
    }
}
