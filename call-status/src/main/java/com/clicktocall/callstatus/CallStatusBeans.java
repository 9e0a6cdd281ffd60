package com.clicktocall.callstatus;

import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** Builds call-status's objects once per container, at start-up (the function's init phase, captured by SnapStart). */
public class CallStatusBeans {

    /** A page polls about once a second: a slow read is better answered with 503 than waited for. */
    static final Duration LEDGER_CALL_TIMEOUT = Duration.ofSeconds(2);
    static final int LEDGER_ATTEMPTS = 2;

    @Produces
    @ApplicationScoped
    @Startup
    CallStatusService service(CallStatusConfig config) {
        var db = LedgerClients.build(config.ledgerRegion(), config.ledgerEndpoint(), LEDGER_CALL_TIMEOUT, LEDGER_ATTEMPTS);
        // Reads only: the retention applies to writes, which call-status never makes.
        return new CallStatusService(new CallRecords(db, config.ledgerTable(), Clock.systemUTC(), Duration.ZERO));
    }
}
