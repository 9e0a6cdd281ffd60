package com.clicktocall.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The Chime APIs for a {@code @QuarkusTest}: a {@link RecordingHttpServer} on 127.0.0.1, handed to the
 * function as {@code clicktocall.chime-endpoint}, which its real SDK clients reach through the endpoint
 * override. Test fields of type {@link RecordingHttpServer} get the server injected.
 */
public class ChimeTestResource implements QuarkusTestResourceLifecycleManager {

    private RecordingHttpServer chime;

    @Override
    public Map<String, String> start() {
        chime = RecordingHttpServer.start();
        return Map.of("clicktocall.chime-endpoint", chime.uri().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(chime, new TestInjector.MatchesType(RecordingHttpServer.class));
    }

    @Override
    public void stop() {
        if (chime != null) {
            chime.close();
        }
    }
}
