package com.clicktocall.benchmarks.coldstart;

import com.clicktocall.ledger.CallRecords;
import com.clicktocall.ledger.LedgerClients;
import com.clicktocall.ledger.LedgerTable;
import com.clicktocall.testsupport.Dynalite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The call ledger's DynamoDB for {@code cold-start.sh}: dynalite on a free loopback port with the
 * template's {@code CallLedgerTable}. Prints {@code endpoint=http://127.0.0.1:N table=NAME call=ID
 * second_call=ID}, then, for every line it reads, puts the sample events' call, and a second call of the
 * same owner, back as they stand before their first event (dialling, the caller in the meeting, so that
 * CALL_ANSWERED passes the join gate and bridges) and prints {@code seeded}. The harness replays the
 * sample events with the second call's id to time a container's second call. Runs until its standard
 * input closes.
 */
public final class LedgerServer {

    public static final String TABLE = "click-to-call-ledger";
    /** The ledger's call id and owner in the sample events' transaction attributes. */
    static final String SAMPLE_CALL_ID = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String SAMPLE_OWNER = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";
    /** A second call of the same owner, for the events of a container's second call. */
    static final String SECOND_CALL_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    private LedgerServer() {
    }

    public static void main(String[] args) throws Exception {
        try (Dynalite dynamoDb = Dynalite.start(Dynalite.defaultInstallation(), 0);
                DynamoDbClient db = LedgerClients.build("us-east-1", Optional.of(dynamoDb.uri()), Duration.ofSeconds(10), 1, List.of())) {
            dynamoDb.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", TABLE);
            CallRecords calls = new CallRecords(db, TABLE, Clock.systemUTC(), Duration.ofDays(1));
            System.out.println("endpoint=" + dynamoDb.endpoint() + " table=" + TABLE + " call=" + SAMPLE_CALL_ID
                    + " second_call=" + SECOND_CALL_ID);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                for (String callId : List.of(SAMPLE_CALL_ID, SECOND_CALL_ID)) {
                    db.deleteItem(r -> r.tableName(TABLE).key(Map.of(LedgerTable.PK, AttributeValue.fromS(LedgerTable.callKey(callId)))));
                    calls.dialling(callId, SAMPLE_OWNER, "+12025550143", "PSTN");
                    calls.callerJoined(callId, Instant.now());
                }
                System.out.println("seeded");
                System.out.flush();
            }
        }
    }
}
