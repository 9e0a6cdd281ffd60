package com.clicktocall.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One dynalite for a test class, started before its first test and stopped after its last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DynaliteServer DYNAMO = new DynaliteServer();
 * ... DYNAMO.dynalite().createTableFromTemplate(...) ...
 * }</pre>
 */
public final class DynaliteServer implements BeforeAllCallback, AfterAllCallback {

    private Dynalite dynalite;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dynalite = Dynalite.start(Dynalite.defaultInstallation(), 0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dynalite != null) {
            dynalite.close();
        }
    }

    public Dynalite dynalite() {
        return dynalite;
    }
}
