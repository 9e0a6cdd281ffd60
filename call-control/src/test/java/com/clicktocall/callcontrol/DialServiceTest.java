package com.clicktocall.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clicktocall.api.CallerIdentity;
import com.clicktocall.api.ChimeClientSettings;
import com.clicktocall.api.ChimeFailureException;
import com.clicktocall.model.api.DialResponse;
import com.clicktocall.model.dial.RefusalReason;
import com.clicktocall.testsupport.RecordingHttpServer;
import com.clicktocall.testsupport.RecordingHttpServer.Stub;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;

/** {@link DialService} without Quarkus: real SDK clients against a loopback Chime. */
class DialServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CallerIdentity CALLER = new CallerIdentity("0e0c3a52-8d5b-4e43-9b6a-6a7d0c1f2e3d", Optional.empty());

    RecordingHttpServer chime;
    ChimeSdkMeetingsClient meetings;
    ChimeSdkVoiceClient voice;

    @BeforeEach
    void startChime() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        chime = RecordingHttpServer.start();
        ChimeStub.answersEverything(chime);
        TestConfig config = TestConfig.valid().withChimeEndpoint(chime.uri());
        meetings = ChimeClientSettings.configure(ChimeSdkMeetingsClient.builder(), Region.US_EAST_1, config).build();
        voice = ChimeClientSettings.configure(ChimeSdkVoiceClient.builder(), Region.US_WEST_2, config).build();
    }

    @AfterEach
    void stopChime() {
        meetings.close();
        voice.close();
        chime.close();
    }

    DialService service(TestConfig config) {
        return new DialService(meetings, voice, DialSettings.from(config));
    }

    @Test
    void refusedNumber_neverReachesChime() {
        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, "+1 876 555 1234"))
                .isInstanceOfSatisfying(DialRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.DESTINATION_BLOCKED));
        assertThat(chime.requests()).isEmpty();
    }

    @Test
    void missingNumber_dialsTheConfiguredDefault() throws Exception {
        DialResponse response = service(TestConfig.valid().withDefaultToNumber("206-266-1000")).dial(CALLER, " ");

        assertThat(response.toNumber()).isEqualTo("+12062661000");
        assertThat(JSON.readTree(chime.requests("POST", "/sip-media-applications/.*").get(0).body()).at("/ArgumentsMap/ToNumber").asText())
                .isEqualTo("+12062661000");
    }

    @Test
    void missingNumberWithoutDefault_isRefusedAsMissing() {
        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, null))
                .isInstanceOfSatisfying(DialRefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.NUMBER_MISSING));
    }

    @Test
    void failedCall_deletesTheMeetingEvenWhenDeletingFailsToo() {
        chime.on("POST", "/sip-media-applications/[^/]+/calls", Stub.awsError(403, "ForbiddenException", "no"));
        chime.on("DELETE", "/meetings/[^/]+", Stub.awsError(500, "ServiceFailureException", "also no"));

        assertThatThrownBy(() -> service(TestConfig.valid()).dial(CALLER, "+12062661000"))
                .isInstanceOf(ChimeFailureException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(chime.requests("DELETE", "/meetings/" + ChimeStub.MEETING_ID)).isNotEmpty();
    }

    @Test
    void responseCarriesTheBrowserAttendeeNotThePhoneLeg() {
        DialResponse response = service(TestConfig.valid()).dial(CALLER, "+12062661000");

        assertThat(response.attendee().attendee().externalUserId()).isEqualTo(CALLER.sub());
        assertThat(response.attendee().attendee().joinToken()).isEqualTo(ChimeStub.BROWSER_JOIN_TOKEN);
        assertThat(response.attendee().toString()).doesNotContain(ChimeStub.BROWSER_JOIN_TOKEN);
        assertThat(response.meeting().meeting().mediaRegion()).isEqualTo("eu-central-1");
    }
}
