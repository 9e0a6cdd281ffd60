package com.clicktocall.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the custom resources with real AWS clients, built once per container. */
@ApplicationScoped
public class ProvisioningBeans {

    /** Time kept back from the Lambda timeout for answering CloudFormation (three 5 s attempts at worst). */
    static final Duration RESPONSE_MARGIN = Duration.ofSeconds(20);
    /** How often a phone number order is polled; orders usually complete within a minute. */
    static final Duration ORDER_POLL_INTERVAL = Duration.ofSeconds(5);

    @Produces
    @ApplicationScoped
    CustomResourceService customResourceService(ProvisioningConfig config, ObjectMapper json) {
        Map<String, ChimeSdkVoiceClient> byRegion = new ConcurrentHashMap<>();
        ChimeVoiceClients chime = region -> byRegion.computeIfAbsent(region, r -> {
            var builder = ChimeSdkVoiceClient.builder()
                    .region(Region.of(r))
                    .httpClientBuilder(UrlConnectionHttpClient.builder());
            config.chimeEndpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
        S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        Ec2Client ec2 = Ec2Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        List<CustomResource> resources = List.of(
                new PhoneNumberResource(chime, ORDER_POLL_INTERVAL),
                new SipRuleResource(chime),
                new VoiceConnectorRoutingResource(chime),
                new SiteBucketContentsResource(s3),
                new ManagedPrefixListResource(ec2));
        return new CustomResourceService(resources, new CloudFormationResponder(json),
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "custom-resource-work");
                    t.setDaemon(true);
                    return t;
                }), RESPONSE_MARGIN, Clock.systemUTC());
    }
}
