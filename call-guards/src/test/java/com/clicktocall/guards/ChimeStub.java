package com.clicktocall.guards;

import com.clicktocall.testsupport.RecordingHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Both Chime APIs on 127.0.0.1, reached by the function's real SDK clients through the endpoint override. */
public class ChimeStub implements QuarkusTestResourceLifecycleManager {

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
