package com.clicktocall.provisioning;

import com.clicktocall.testsupport.RecordingHttpServer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The provisioning service wired to a fake Chime (and S3) and a fake CloudFormation response URL,
 * all on loopback, with short timings so waiting and timing out can be tested quickly.
 */
final class ProvisioningHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration MARGIN = Duration.ofMillis(500);

    final RecordingHttpServer chime = RecordingHttpServer.start();
    final RecordingHttpServer cloudFormation = RecordingHttpServer.start();
    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final ChimeSdkVoiceClient chimeClient;
    private final S3Client s3Client;
    private final Ec2Client ec2Client;
    final CustomResourceService service;

    ProvisioningHarness() {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        chimeClient = ChimeSdkVoiceClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .endpointOverride(chime.uri())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        s3Client = S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .endpointOverride(chime.uri())
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        ec2Client = Ec2Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .endpointOverride(chime.uri())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        ChimeVoiceClients clients = region -> chimeClient;
        service = new CustomResourceService(List.of(
                new PhoneNumberResource(clients, POLL),
                new SipRuleResource(clients),
                new VoiceConnectorRoutingResource(clients),
                new SiteBucketContentsResource(s3Client),
                new ManagedPrefixListResource(ec2Client)),
                new CloudFormationResponder(JSON), worker, MARGIN, Clock.systemUTC());
        cloudFormation.on("PUT", "/response", RecordingHttpServer.Stub.status(200));
    }

    /** A sample event from {@code events/}, answering to the loopback response URL. */
    static ObjectNode event(String name) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("../events", name)));
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CustomResourceResponse handle(ObjectNode event, long remainingMillis) {
        event.put("ResponseURL", cloudFormation.uri() + "/response?X-Amz-Signature=secret");
        CustomResourceRequest request = JSON.convertValue(event, CustomResourceRequest.class);
        return service.handle(request, remainingMillis);
    }

    CustomResourceResponse handle(ObjectNode event) {
        return handle(event, 30_000);
    }

    /** The single answer CloudFormation received, as JSON. */
    JsonNode answer() {
        var puts = cloudFormation.requests("PUT", "/response");
        if (puts.size() != 1) {
            throw new AssertionError("expected one answer to CloudFormation, got " + puts.size());
        }
        try {
            return JSON.readTree(puts.getFirst().body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> bodyOf(RecordingHttpServer.Request request) {
        try {
            return JSON.readValue(request.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        chimeClient.close();
        s3Client.close();
        ec2Client.close();
        chime.close();
        cloudFormation.close();
    }
}
