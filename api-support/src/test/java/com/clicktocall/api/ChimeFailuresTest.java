package com.clicktocall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ChimeFailuresTest {

    @ParameterizedTest
    @CsvSource({
            "400, BadRequestException, 502",
            "403, ForbiddenException, 502",
            "404, NotFoundException, 502",
            "429, ThrottledClientException, 503",
            "500, ServiceFailureException, 502",
            "503, ServiceUnavailableException, 503",
            "400, ThrottledClientException, 503",
    })
    void serviceErrors_mapToGatewayStatuses(int status, String type, int expected) {
        assertThat(ChimeFailures.translate("CreateMeeting", serviceError(status, type)).status()).isEqualTo(expected);
    }

    @Test
    void timeouts_mapTo504() {
        assertThat(ChimeFailures.translate("op", ApiCallTimeoutException.create(1000))).isInstanceOf(ChimeTimeoutException.class);
        assertThat(ChimeFailures.translate("op", SdkClientException.create("read", new SocketTimeoutException("read timed out"))))
                .isInstanceOf(ChimeTimeoutException.class);
    }

    @Test
    void connectionFailure_mapsTo503() {
        assertThat(ChimeFailures.translate("op", SdkClientException.create("connect", new IOException("refused"))))
                .isInstanceOf(ChimeUnavailableException.class);
    }

    @Test
    void notFound_isRecognisedByStatusOrType() {
        assertThat(ChimeFailures.isNotFound(serviceError(404, "NotFoundException"))).isTrue();
        assertThat(ChimeFailures.isNotFound(serviceError(400, "BadRequestException"))).isFalse();
    }

    @Test
    void messageNamesTheOperationButNotChimesText() {
        ApiException failure = ChimeFailures.translate("CreateSipMediaApplicationCall", serviceError(400, "BadRequestException"));

        assertThat(failure.getMessage()).contains("CreateSipMediaApplicationCall").doesNotContain("secret detail");
    }

    static AwsServiceException serviceError(int status, String type) {
        return AwsServiceException.builder().statusCode(status).message("secret detail")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(type).errorMessage("secret detail").build()).build();
    }
}
