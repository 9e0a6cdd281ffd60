package com.clicktocall.presignup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged handler behind the Lambda mock event server, fed the sample event from {@code events/}. */
@QuarkusTest
@TestProfile(PreSignUpHandlerTest.ExampleDomainOnly.class)
class PreSignUpHandlerTest {

    public static class ExampleDomainOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clicktocall.allowed-email-domain", "example.com");
        }
    }

    @Test
    void allowedAddress_returnsTheEventUnchanged() throws IOException {
        String event = sampleEvent();
        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .body("userName", equalTo("5f1b1b4e-7c1a-4f43-9d1e-2a4f5e6d7c8b"))
                .body("request.userAttributes.email", equalTo("agent@example.com"))
                .body("response.autoConfirmUser", equalTo(false))
                .body("callerContext.clientId", equalTo("1example23456789abcdefghij"));
    }

    @Test
    void otherDomain_failsTheInvocationWithTheReadableMessage() throws IOException {
        String event = sampleEvent().replace("agent@example.com", "agent@example.com.evil.com");
        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(500)
                .body(containsString("Sign-up is limited to e-mail addresses at example.com."));
    }

    private static String sampleEvent() throws IOException {
        return Files.readString(Path.of("../events/cognito-pre-sign-up.json"));
    }
}
