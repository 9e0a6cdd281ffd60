package com.clicktocall.benchmarks.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal Lambda Runtime API that launches one function process, hands it the given events one at a
 * time, and times it: process start to the first {@code /next} (the container's initialisation), to
 * the first answer (the cold start the SMA sees), and each event from hand-out to answer. It also
 * answers {@code DELETE /meetings/{id}} with 204, standing in for Chime at teardown.
 *
 * <pre>
 * java -cp benchmarks/target/classes com.clicktocall.benchmarks.coldstart.LocalRuntimeApi \
 *     --log run.log event1.json event2.json -- java -cp ... AWSLambda handler
 * </pre>
 * Prints one line: {@code init_ms=... first_answer_ms=... event_ms=a,b,c ok=true}.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
public final class LocalRuntimeApi {

    private static final String BASE = "/2018-06-01/runtime";
    private static final long TIMEOUT_SECONDS = 60;

    private record Invocation(String id, byte[] event) {
    }

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Long> handedOutAt = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final CountDownLatch done;
    private volatile long firstNextAt;
    private final long startedAt;

    private LocalRuntimeApi(List<byte[]> events, long startedAt) {
        for (int i = 0; i < events.size(); i++) {
            pending.add(new Invocation("invocation-" + (i + 1), events.get(i)));
        }
        this.done = new CountDownLatch(events.size());
        this.startedAt = startedAt;
    }

    public static void main(String[] args) throws Exception {
        int separator = Arrays.asList(args).indexOf("--");
        if (separator < 0) {
            System.err.println("usage: LocalRuntimeApi [--log FILE] EVENT.json... -- COMMAND...");
            System.exit(2);
        }
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(0, separator));
        List<String> command = Arrays.asList(args).subList(separator + 1, args.length);
        Path log = Path.of("function.log");
        if (options.size() >= 2 && options.get(0).equals("--log")) {
            log = Path.of(options.get(1));
            options = options.subList(2, options.size());
        }
        List<byte[]> events = new ArrayList<>();
        for (String file : options) {
            events.add(Files.readAllBytes(Path.of(file)));
        }

        // Without it the JDK server leaves Nagle on, and every answer waits on a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        String address = "127.0.0.1:" + server.getAddress().getPort();

        ProcessBuilder function = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = function.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", address);
        env.putIfAbsent("CLICKTOCALL_CHIME_ENDPOINT", "http://" + address);

        server.start();
        warmUp(server, address, events);

        long startedAt = System.nanoTime();
        LocalRuntimeApi api = new LocalRuntimeApi(events, startedAt);
        server.createContext("/", api::handle);
        Process process = function.start();

        boolean finished = api.done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // SIGTERM, so a training run can write its class archive or AOT cache on the way out.
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        server.stop(0);
        System.out.println(api.report(finished, events.size()));
        System.exit(finished && api.errors.isEmpty() ? 0 : 1);
    }

    /**
     * Runs this server's own code paths (hand-out, answer, teardown) a few times on a scratch
     * context before the function starts, so that the first event's figure is the function's time
     * and not this JVM's first request: Lambda's Runtime API is a warm process.
     */
    private static void warmUp(HttpServer server, String address, List<byte[]> events) throws IOException {
        String prefix = "/warm-up";
        for (int round = 0; round < 20; round++) {
            LocalRuntimeApi scratch = new LocalRuntimeApi(events, System.nanoTime());
            var context = server.createContext(prefix, exchange -> {
                String path = exchange.getRequestURI().getPath().substring(prefix.length());
                scratch.handle(exchange, path);
            });
            for (Invocation invocation : List.copyOf(scratch.pending)) {
                request(address, "GET", prefix + BASE + "/invocation/next", null);
                request(address, "POST", prefix + BASE + "/invocation/" + invocation.id() + "/response", invocation.event());
                request(address, "DELETE", prefix + "/meetings/warm-up", null);
            }
            server.removeContext(context);
        }
    }

    private static void request(String address, String method, String path, byte[] body) throws IOException {
        var connection = (HttpURLConnection) URI.create("http://" + address + path).toURL().openConnection();
        connection.setRequestMethod(method);
        if (body != null) {
            connection.setDoOutput(true);
            connection.getOutputStream().write(body);
        }
        connection.getResponseCode();
        try (var in = connection.getInputStream()) {
            in.readAllBytes();
        } catch (IOException noBody) {
            // 204 and 202 have none.
        }
    }

    private String report(boolean finished, int count) {
        StringBuilder line = new StringBuilder();
        line.append("init_ms=").append(firstNextAt == 0 ? "NA" : millis(firstNextAt - startedAt));
        Long first = answeredAt.get("invocation-1");
        line.append(" first_answer_ms=").append(first == null ? "NA" : millis(first - startedAt));
        List<String> perEvent = new ArrayList<>();
        boolean valid = true;
        for (int i = 1; i <= count; i++) {
            String id = "invocation-" + i;
            Long out = handedOutAt.get(id);
            Long in = answeredAt.get(id);
            perEvent.add(out == null || in == null ? "NA" : millis(in - out));
            String answer = answers.get(id);
            valid &= answer != null && answer.contains("\"SchemaVersion\":\"1.0\"");
        }
        line.append(" event_ms=").append(String.join(",", perEvent));
        line.append(" ok=").append(finished && valid && errors.isEmpty());
        if (!errors.isEmpty()) {
            line.append(" errors=").append(String.join("|", errors).replaceAll("\\s+", " "));
        }
        return line.toString();
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private void handle(HttpExchange exchange) throws IOException {
        handle(exchange, exchange.getRequestURI().getPath());
    }

    private void handle(HttpExchange exchange, String path) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("GET") && path.equals(BASE + "/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith(BASE + "/invocation/") && path.endsWith("/response")) {
                String id = path.substring((BASE + "/invocation/").length(), path.length() - "/response".length());
                answeredAt.put(id, System.nanoTime());
                answers.put(id, new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(202, -1);
                done.countDown();
            } else if (method.equals("POST") && path.endsWith("/error")) {
                synchronized (errors) {
                    errors.add(path + " " + new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(202, -1);
                while (done.getCount() > 0) {
                    done.countDown();
                }
            } else if (method.equals("DELETE") && path.startsWith("/meetings/")) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (firstNextAt == 0) {
            firstNextAt = System.nanoTime();
        }
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.id());
        headers.put("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 5_000));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:sma-handler");
        headers.put("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        headers.put("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        handedOutAt.put(invocation.id(), System.nanoTime());
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }
}
