package com.clicktocall.benchmarks.coldstart;

import com.clicktocall.model.ledger.EndReason;
import com.clicktocall.sma.CallLedger;
import com.clicktocall.sma.DynamoCallLedger;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Splits what the call ledger costs a fresh SMA handler JVM: building the DynamoDB client, the first
 * write (marshalling, signing, HTTP classes loaded on first use) and a warm one, against the DynamoDB
 * endpoint in {@code CLICKTOCALL_LEDGER_ENDPOINT} ({@code LedgerServer}'s dynalite). Prints
 * {@code client_build_ms=... first_write_ms=... warm_write_ms=...}.
 */
public final class LedgerColdCost {

    private LedgerColdCost() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(System.getenv("CLICKTOCALL_LEDGER_ENDPOINT"));
        String table = System.getenv("CLICKTOCALL_LEDGER_TABLE");
        long start = System.nanoTime();
        DynamoCallLedger ledger = new DynamoCallLedger("us-east-1", Optional.of(endpoint), table, Duration.ofMinutes(60),
                Duration.ofDays(7), new com.clicktocall.ledger.CallMetrics(line -> { }, "benchmark"));
        ledger.prepare();
        long built = System.nanoTime();
        // No item has this call id: the conditional write is refused ("unchanged"), a full round trip all the same.
        CallLedger.Outcome first = ledger.ended("0c1d2e3f-4a5b-4c6d-8e7f-000000000001", null, EndReason.FAILED);
        long firstDone = System.nanoTime();
        ledger.ended("0c1d2e3f-4a5b-4c6d-8e7f-000000000002", null, EndReason.FAILED);
        long warmDone = System.nanoTime();
        System.out.printf("client_build_ms=%.1f first_write_ms=%.1f warm_write_ms=%.1f ok=%s%n",
                (built - start) / 1e6, (firstDone - built) / 1e6, (warmDone - firstDone) / 1e6,
                first != CallLedger.Outcome.FAILED);
    }
}
