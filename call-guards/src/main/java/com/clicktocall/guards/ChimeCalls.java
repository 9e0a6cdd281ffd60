package com.clicktocall.guards;

import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.model.sma.CallArguments;
import com.clicktocall.model.sma.UpdateKind;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/**
 * The two Chime requests that end a call: UpdateSipMediaApplicationCall (hang up, as the call's owner, so
 * the SMA handler's owner check applies unchanged) and DeleteMeeting. Neither throws: a call or meeting
 * that is already gone is what was wanted, and any other failure is reported for the log.
 */
public final class ChimeCalls {

    /** Each request, retries included: well inside the functions' timeouts. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** A hang-up is not idempotent for the SMA (a second one is a second event): one attempt. */
    static final int UPDATE_ATTEMPTS = 1;
    /** Deleting a deleted meeting changes nothing: one retry. */
    static final int DELETE_ATTEMPTS = 2;

    /** What became of one request. */
    public enum Outcome {
        DONE,
        /** Chime does not know the call or meeting (NotFound): it has ended already. */
        ALREADY_GONE,
        FAILED;

        /** The call or meeting no longer exists. */
        public boolean gone() {
            return this != FAILED;
        }
    }

    /** @param detail why it failed (an error code and status), empty otherwise */
    public record Result(Outcome outcome, String detail) {
        static final Result DONE = new Result(Outcome.DONE, "");
        static final Result ALREADY_GONE = new Result(Outcome.ALREADY_GONE, "");
    }

    private final ChimeSdkVoiceClient voice;
    private final ChimeSdkMeetingsClient meetings;
    private final String smaId;

    public ChimeCalls(ChimeSdkVoiceClient voice, ChimeSdkMeetingsClient meetings, String smaId) {
        this.voice = voice;
        this.meetings = meetings;
        this.smaId = smaId;
    }

    /**
     * Asks the SMA to end the call {@code transactionId}, as {@code ownerSub}, saying why: the handler then
     * keeps the reason the ledger already has instead of taking the hang-up for the owner's own.
     */
    public Result hangUp(String transactionId, String ownerSub, EndReason reason) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(CallArguments.UPDATE, UpdateKind.END.wireName());
        arguments.put(CallArguments.REQUESTER_SUB, ownerSub);
        arguments.put(CallArguments.END_REASON, reason.wireName());
        return request(() -> voice.updateSipMediaApplicationCall(r -> r.sipMediaApplicationId(smaId)
                .transactionId(transactionId).arguments(arguments)));
    }

    public Result deleteMeeting(String meetingId) {
        return request(() -> meetings.deleteMeeting(r -> r.meetingId(meetingId)));
    }

    private static Result request(Runnable request) {
        try {
            request.run();
            return Result.DONE;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 || e.getClass().getSimpleName().equals("NotFoundException")) {
                return Result.ALREADY_GONE;
            }
            String type = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            return new Result(Outcome.FAILED, type + " (" + e.statusCode() + ")");
        } catch (SdkException e) {
            return new Result(Outcome.FAILED, e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            return new Result(Outcome.FAILED, "unexpected " + e.getClass().getSimpleName());
        }
    }

    /** UpdateSipMediaApplicationCall goes to the PSTN control region; exactly one attempt. */
    public static ChimeSdkVoiceClient voiceClient(String region, Optional<URI> endpoint) {
        return configured(ChimeSdkVoiceClient.builder(), region, endpoint, UPDATE_ATTEMPTS).build();
    }

    /** DeleteMeeting goes to the meeting control region; two attempts. */
    public static ChimeSdkMeetingsClient meetingsClient(String region, Optional<URI> endpoint) {
        return configured(ChimeSdkMeetingsClient.builder(), region, endpoint, DELETE_ATTEMPTS).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(
            B builder, String region, Optional<URI> endpoint, int attempts) {
        builder.region(Region.of(region)).httpClientBuilder(http())
                .overrideConfiguration(o -> o.apiCallTimeout(API_CALL_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts).build()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private static UrlConnectionHttpClient.Builder http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(API_CALL_TIMEOUT);
    }
}
