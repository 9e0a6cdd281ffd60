package com.clicktocall.updatecall;

import com.clicktocall.testsupport.RecordingHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Chime for the function under test: a loopback {@link RecordingHttpServer} the real SDK reaches through {@code clicktocall.chime-endpoint}. */
public class ChimeStub implements QuarkusTestResourceLifecycleManager {

    private static RecordingHttpServer server;

    static RecordingHttpServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = RecordingHttpServer.start();
        // The function's settings for tests (given to @QuarkusTest and to the packaged function of *IT alike).
        return Map.ofEntries(
                Map.entry("clicktocall.chime-endpoint", server.uri().toString()),
                // Fake credentials for the SDK in the packaged function's process (*IT).
                Map.entry("aws.accessKeyId", "test"),
                Map.entry("aws.secretAccessKey", "test"),
                Map.entry("clicktocall.sma-id", "sma-test-1"),
                Map.entry("clicktocall.pstn-control-region", "us-west-2"),
                Map.entry("clicktocall.allowed-origin", "https://click.example.com"),
                Map.entry("clicktocall.chime-timeout", "PT2S"));
    }

    @Override
    public void stop() {
        server.close();
    }
}
