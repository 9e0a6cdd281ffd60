package com.clicktocall.ledger;

import com.clicktocall.testsupport.Dynalite;
import com.clicktocall.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh ledger table, created from {@code template.yaml} in a dynalite shared by the test class, and
 * a clock the test moves by hand.
 */
final class LedgerFixture {

    final String table = "ledger-" + UUID.randomUUID();
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final DynamoDbClient db;

    LedgerFixture(Dynalite dynalite) throws Exception {
        dynalite.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", table);
        db = LedgerClients.build("us-east-1", Optional.of(dynalite.uri()), Duration.ofSeconds(5), 3);
    }
}
