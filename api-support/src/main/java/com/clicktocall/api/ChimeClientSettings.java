package com.clicktocall.api;

import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every Chime SDK client of the HTTP functions is built, once per container: the URL-connection
 * HTTP client (small, fast to start), the region from configuration, the endpoint override, and
 * timeouts that keep a {@code /dial} well inside API Gateway's 29 s.
 */
public final class ChimeClientSettings {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** How many times a client may send the same request. */
    public enum Attempts {
        /**
         * For idempotent operations only: CreateMeeting (its {@code ClientRequestToken}), CreateAttendee
         * (its {@code ExternalUserId} is an idempotency token) and DeleteMeeting. One retry at most: the
         * person is waiting.
         */
        RETRY_ONCE(2),
        /**
         * For operations whose repetition has an effect: CreateSipMediaApplicationCall (a second call)
         * and UpdateSipMediaApplicationCall (digits played twice). A timeout means the outcome is unknown,
         * and the caller decides what to do about it.
         */
        EXACTLY_ONCE(1);

        final int count;

        Attempts(int count) {
            this.count = count;
        }
    }

    private ChimeClientSettings() {
    }

    /** Applies region, endpoint override, HTTP client, timeouts and {@code attempts} to {@code builder}. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Region region, ApiConfig config, Attempts attempts) {
        Duration callTimeout = config.chimeTimeout();
        int maxAttempts = attempts.count;
        builder.region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(callTimeout))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(callTimeout.dividedBy(maxAttempts))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build()));
        config.chimeEndpoint().ifPresent(builder::endpointOverride);
        return builder;
    }
}
