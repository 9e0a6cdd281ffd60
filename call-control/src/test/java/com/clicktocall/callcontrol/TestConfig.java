package com.clicktocall.callcontrol;

import com.clicktocall.testsupport.LedgerTestResource;
import com.clicktocall.api.ApiConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link CallControlConfig} and {@link ApiConfig} built in code, for tests without Quarkus. */
record TestConfig(
        String smaId,
        String smaPhoneNumber,
        Optional<String> voiceConnectorPhoneNumber,
        Optional<String> voiceConnectorArn,
        Optional<String> defaultToNumber,
        Optional<List<String>> dialAllowedRegions,
        Optional<List<String>> dialBlockList,
        Optional<URI> chimeEndpoint) implements CallControlConfig, ApiConfig {

    static final String VC_ARN = "arn:aws:chime:us-east-1:123456789012:vc/abcdefghijklmnop";

    static TestConfig valid() {
        return new TestConfig("sma-1", "+12065550199", Optional.of("+12065550142"), Optional.of(VC_ARN),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    TestConfig withSmaPhoneNumber(String number) {
        return new TestConfig(smaId, number, voiceConnectorPhoneNumber, voiceConnectorArn, defaultToNumber, dialAllowedRegions, dialBlockList, chimeEndpoint);
    }

    TestConfig withVoiceConnector(String number, String arn) {
        return new TestConfig(smaId, smaPhoneNumber, Optional.ofNullable(number), Optional.ofNullable(arn), defaultToNumber, dialAllowedRegions, dialBlockList, chimeEndpoint);
    }

    TestConfig withDefaultToNumber(String number) {
        return new TestConfig(smaId, smaPhoneNumber, voiceConnectorPhoneNumber, voiceConnectorArn, Optional.of(number), dialAllowedRegions, dialBlockList, chimeEndpoint);
    }

    TestConfig withLists(List<String> allow, List<String> block) {
        return new TestConfig(smaId, smaPhoneNumber, voiceConnectorPhoneNumber, voiceConnectorArn, defaultToNumber,
                Optional.ofNullable(allow), Optional.ofNullable(block), chimeEndpoint);
    }

    TestConfig withChimeEndpoint(URI endpoint) {
        return new TestConfig(smaId, smaPhoneNumber, voiceConnectorPhoneNumber, voiceConnectorArn, defaultToNumber, dialAllowedRegions, dialBlockList, Optional.of(endpoint));
    }

    @Override
    public Optional<String> allowedEmailDomain() {
        return Optional.of("example.com");
    }

    @Override
    public String meetingControlRegion() {
        return "us-east-1";
    }

    @Override
    public String pstnControlRegion() {
        return "us-west-2";
    }

    @Override
    public String mediaRegion() {
        return "eu-central-1";
    }

    @Override
    public String allowedOrigin() {
        return "https://click.example.com";
    }

    @Override
    public Duration chimeTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public String ledgerTable() {
        return LedgerTestResource.TABLE;
    }

    @Override
    public String ledgerRegion() {
        return "us-east-1";
    }

    @Override
    public Optional<URI> ledgerEndpoint() {
        return Optional.empty();
    }

    @Override
    public int maxActiveCallsPerUser() {
        return 1;
    }

    @Override
    public int maxCallsPerUserPerHour() {
        return 20;
    }

    @Override
    public int callTimeoutSeconds() {
        return 30;
    }

    @Override
    public int callRecordRetentionDays() {
        return 7;
    }
}
