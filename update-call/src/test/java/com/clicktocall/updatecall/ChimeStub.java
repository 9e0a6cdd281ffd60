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
        return Map.of("clicktocall.chime-endpoint", server.uri().toString());
    }

    @Override
    public void stop() {
        server.close();
    }
}
