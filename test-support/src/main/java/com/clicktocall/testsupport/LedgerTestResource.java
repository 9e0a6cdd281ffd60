package com.clicktocall.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real call ledger for a {@code @QuarkusTest}: dynalite on 127.0.0.1 with the table created from
 * {@code template.yaml}, handed to the function as {@code clicktocall.ledger-endpoint} and
 * {@code clicktocall.ledger-table}. Test fields of type {@link Dynalite} get the server injected.
 */
public class LedgerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The table's name in the tests. */
    public static final String TABLE = "click-to-call-ledger";

    private Dynalite dynalite;

    @Override
    public Map<String, String> start() {
        try {
            dynalite = Dynalite.start(Dynalite.defaultInstallation(), 0);
            dynalite.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", TABLE);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test ledger: " + e.getMessage(), e);
        }
        return Map.of("clicktocall.ledger-endpoint", dynalite.endpoint(), "clicktocall.ledger-table", TABLE);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(dynalite, new TestInjector.MatchesType(Dynalite.class));
    }

    @Override
    public void stop() {
        if (dynalite != null) {
            dynalite.close();
        }
    }
}
