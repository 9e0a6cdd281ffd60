package com.clicktocall.presignup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
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

    @Test
    void refusedAddress_logsItsDomainButNeverTheMailbox() throws IOException {
        List<String> lines = logsOfSignUp("pat.private@gmail.com");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("sign-up refused").contains("domain=gmail.com"));
        assertThat(lines).noneMatch(line -> line.contains("pat.private"));
    }

    @Test
    void malformedAddress_logsNoPartOfIt() throws IOException {
        List<String> lines = logsOfSignUp("pat.private@evil.com@example.com");

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("sign-up refused").contains("domain=-"));
        assertThat(lines).noneMatch(line -> line.contains("pat.private") || line.contains("evil.com"));
    }

    @Test
    void malformedAddress_isNotEchoedInTheRefusal() throws IOException {
        String event = sampleEvent().replace("agent@example.com", "pat.private@evil.com@example.com");
        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(500)
                .body(containsString("not a valid e-mail address"))
                .body(org.hamcrest.Matchers.not(containsString("pat.private")));
    }

    /** The log lines written while {@code email} is refused. */
    private static List<String> logsOfSignUp(String email) throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            String event = sampleEvent().replace("agent@example.com", email);
            given().contentType("application/json").body(event).when().post().then().statusCode(500);
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        return lines;
    }

    private static String sampleEvent() throws IOException {
        return Files.readString(Path.of("../events/cognito-pre-sign-up.json"));
    }
}
