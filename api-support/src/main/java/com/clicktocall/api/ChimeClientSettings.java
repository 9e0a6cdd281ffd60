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

    /**
     * One retry at most: CreateSipMediaApplicationCall is not idempotent, so a retried 5xx may place
     * a second call, and the person is waiting.
     */
    static final int MAX_ATTEMPTS = 2;

    private ChimeClientSettings() {
    }

    /** Applies region, endpoint override, HTTP client, timeouts and retries to {@code builder}. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Region region, ApiConfig config) {
        Duration callTimeout = config.chimeTimeout();
        builder.region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(callTimeout))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(callTimeout.dividedBy(MAX_ATTEMPTS))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
        config.chimeEndpoint().ifPresent(builder::endpointOverride);
        return builder;
    }
}
