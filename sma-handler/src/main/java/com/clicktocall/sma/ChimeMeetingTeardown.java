package com.clicktocall.sma;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkmeetings.model.NotFoundException;

/**
 * Deletes meetings through the Chime SDK Meetings API. The client is built once per container, on
 * the first teardown rather than at start-up: the first events of a call (NEW_OUTBOUND_CALL,
 * CALL_ANSWERED) never need it, and building it costs a cold start a few hundred milliseconds
 * (see {@code benchmarks/README.md}).
 */
public final class ChimeMeetingTeardown implements MeetingTeardown {

    /** The whole DeleteMeeting, retries included: far inside the SMA's 5 s, even after a cold start. */
    static final Duration API_CALL_TIMEOUT = Duration.ofMillis(1_500);
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    /** One retry for a throttled or failing call, if time allows. */
    static final int MAX_ATTEMPTS = 2;

    private final Region region;
    private final Optional<URI> endpoint;
    private volatile ChimeSdkMeetingsClient client;

    public ChimeMeetingTeardown(String region, Optional<URI> endpoint) {
        this.region = Region.of(region);
        this.endpoint = endpoint;
    }

    @Override
    public Result deleteMeeting(String meetingId) {
        try {
            client().deleteMeeting(request -> request.meetingId(meetingId));
            return Result.DELETED;
        } catch (NotFoundException e) {
            return Result.ALREADY_GONE;
        } catch (AwsServiceException e) {
            String type = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            return Result.failed(type + " (" + e.statusCode() + ")");
        } catch (SdkException e) {
            return Result.failed(e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            return Result.failed("unexpected " + e.getClass().getSimpleName());
        }
    }

    /** Builds the client now (the cold-start benchmarks time the build apart from the first call). */
    public void prepare() {
        client();
    }

    private ChimeSdkMeetingsClient client() {
        ChimeSdkMeetingsClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build();
                    client = built;
                }
            }
        }
        return built;
    }

    private ChimeSdkMeetingsClient build() {
        var builder = ChimeSdkMeetingsClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(API_CALL_TIMEOUT))
                .overrideConfiguration(override -> override
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .addExecutionInterceptor(new Priming.ShortCircuit())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
