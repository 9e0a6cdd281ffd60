package com.clicktocall.benchmarks.coldstart;

import com.clicktocall.sma.ChimeMeetingTeardown;
import com.clicktocall.sma.MeetingTeardown;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Splits the cost of the first meeting teardown in a fresh JVM: building the Chime SDK client, the
 * first DeleteMeeting (marshalling, signing, HTTP classes loaded on first use), and a warm one.
 * Chime is a loopback server that answers 204. Prints {@code client_build_ms=... first_delete_ms=... warm_delete_ms=...}.
 */
public final class TeardownColdCost {

    private TeardownColdCost() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer chime = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        chime.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        chime.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + chime.getAddress().getPort());
            long start = System.nanoTime();
            ChimeMeetingTeardown teardown = new ChimeMeetingTeardown("us-east-1", Optional.of(endpoint));
            teardown.prepare();
            long built = System.nanoTime();
            MeetingTeardown.Result first = teardown.deleteMeeting("4a1c7e5b-6f0b-4f58-9c2e-3d7a2f1b0c9e");
            long firstDone = System.nanoTime();
            teardown.deleteMeeting("4a1c7e5b-6f0b-4f58-9c2e-3d7a2f1b0c9e");
            long warmDone = System.nanoTime();
            System.out.printf("client_build_ms=%.1f first_delete_ms=%.1f warm_delete_ms=%.1f ok=%s%n",
                    (built - start) / 1e6, (firstDone - built) / 1e6, (warmDone - firstDone) / 1e6,
                    first.outcome() == MeetingTeardown.Outcome.DELETED);
        } finally {
            chime.stop(0);
        }
    }
}
