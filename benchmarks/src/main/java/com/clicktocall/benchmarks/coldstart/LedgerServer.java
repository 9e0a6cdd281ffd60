package com.clicktocall.benchmarks.coldstart;

import com.clicktocall.testsupport.Dynalite;

/**
 * The call ledger's DynamoDB for {@code cold-start.sh}: dynalite on a free loopback port with the
 * template's {@code CallLedgerTable}. Prints {@code endpoint=http://127.0.0.1:N table=NAME}, then runs
 * until its standard input closes.
 */
public final class LedgerServer {

    public static final String TABLE = "click-to-call-ledger";

    private LedgerServer() {
    }

    public static void main(String[] args) throws Exception {
        try (Dynalite dynamoDb = Dynalite.start(Dynalite.defaultInstallation(), 0)) {
            dynamoDb.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", TABLE);
            System.out.println("endpoint=" + dynamoDb.endpoint() + " table=" + TABLE);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the script that started it closes the pipe.
            }
        }
    }
}
