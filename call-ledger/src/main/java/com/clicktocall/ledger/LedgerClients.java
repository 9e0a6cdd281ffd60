package com.clicktocall.ledger;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How every function builds its DynamoDB client for the ledger: the URL-connection HTTP client (small,
 * fast to start), the stack's region, the endpoint override of tests and the local stack, and a bound
 * on the whole call, retries included, that the caller chooses (short on the SMA path).
 */
public final class LedgerClients {

    private LedgerClients() {
    }

    /**
     * @param callTimeout the longest one ledger call may take, retries included
     * @param maxAttempts attempts per call; the ledger's writes are conditional, so a repeated write is harmless
     */
    public static DynamoDbClient build(String region, Optional<URI> endpoint, Duration callTimeout, int maxAttempts) {
        return build(region, endpoint, callTimeout, maxAttempts, List.of());
    }

    /** @param interceptors run on every request, e.g. the SMA handler's priming short-circuit */
    public static DynamoDbClient build(String region, Optional<URI> endpoint, Duration callTimeout, int maxAttempts,
                                       List<ExecutionInterceptor> interceptors) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(callTimeout)
                        .socketTimeout(callTimeout))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(callTimeout)
                        .executionInterceptors(interceptors)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
