package com.clicktocall.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Sends the answer to CloudFormation: a PUT of the JSON body to the request's pre-signed S3 URL,
 * with no Content-Type (the URL's signature does not cover one). The URL itself is never logged:
 * anyone holding it can answer for the stack.
 */
public final class CloudFormationResponder {

    private static final Logger LOG = Logger.getLogger(CloudFormationResponder.class);
    private static final int ATTEMPTS = 3;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final ObjectMapper json;

    public CloudFormationResponder(ObjectMapper json) {
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(ATTEMPT_TIMEOUT).build();
    }

    /** Returns whether CloudFormation accepted the answer. */
    public boolean send(String responseUrl, CustomResourceResponse response) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom resource response not serialisable", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl))
                .timeout(ATTEMPT_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    LOG.infof("answered %s %s for %s (%s)", response.status(), response.physicalResourceId(),
                            response.logicalResourceId(), response.requestId());
                    return true;
                }
                LOG.warnf("CloudFormation response URL answered %d (attempt %d of %d)", status, attempt, ATTEMPTS);
                if (status / 100 == 4) {
                    return false;
                }
            } catch (IOException e) {
                LOG.warnf("could not reach the CloudFormation response URL (attempt %d of %d): %s", attempt, ATTEMPTS,
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
