package com.clicktocall.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real DynamoDB-compatible server on 127.0.0.1: {@code dynalite} (npm, Apache-2.0; in memory) as a
 * child process, with tables created from their definitions in {@code template.yaml}, so the tests and
 * the local stack use the deployed table's keys and indexes, not a copy of them.
 *
 * <pre>{@code
 * try (Dynalite dynamo = Dynalite.start(Dynalite.defaultInstallation(), 0)) {
 *     dynamo.createTableFromTemplate(Dynalite.repositoryFile("template.yaml"), "CallLedgerTable", "ledger");
 *     ... point the SDK at dynamo.endpoint() ...
 * }
 * }</pre>
 */
public final class Dynalite implements AutoCloseable {

    /** Where the project installs dynalite ({@code npm ci} there; {@code scripts/test.sh} does it). */
    public static final String INSTALLATION = "local-stack/dynalite";

    /**
     * Template properties that CreateTable does not take, or that dynalite lacks: TTL, point-in-time
     * recovery, encryption settings (the API's shape differs from CloudFormation's), tags, deletion protection.
     */
    static final Set<String> NOT_FOR_CREATE_TABLE = Set.of("TableName", "TimeToLiveSpecification",
            "PointInTimeRecoverySpecification", "SSESpecification", "Tags", "DeletionProtectionEnabled",
            "ContributorInsightsSpecification", "KinesisStreamSpecification", "StreamSpecification");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Process process;
    private final String endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Dynalite(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @param installation the directory holding {@code node_modules/dynalite}
     * @param port         the port on 127.0.0.1; 0 picks a free one
     */
    public static Dynalite start(Path installation, int port) throws IOException, InterruptedException {
        return start(installation, port, List.of());
    }

    /** @param launcherPrefix words put before {@code node ...}, e.g. a wrapper that ties the child to its parent's life */
    public static Dynalite start(Path installation, int port, List<String> launcherPrefix) throws IOException, InterruptedException {
        Path cli = installation.resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IOException("dynalite is not installed: run `npm ci` in " + installation);
        }
        // A free port can be taken by another program between our check and dynalite's bind; with port 0,
        // try a few.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(installation, port == 0 ? freePort() : port, launcherPrefix, cli);
            } catch (PortTakenException e) {
                if (port != 0 || attempt == 3) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
    }

    /** dynalite could not listen on its port (another program holds it). */
    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static Dynalite start(Path installation, int chosen, List<String> launcherPrefix, Path cli) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcherPrefix);
        command.addAll(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(chosen),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Its own "listening" line, before any request: a request alone could be answered by another
        // dynalite that holds the port (e.g. another test run's), while this one fails to bind.
        java.util.concurrent.CompletableFuture<Boolean> listening = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("dynalite-output").start(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains("listening at")) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.complete(false);
        });
        Dynalite dynalite = new Dynalite(process, "http://127.0.0.1:" + chosen);
        try {
            boolean bound;
            try {
                bound = listening.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                bound = false;
            }
            if (!bound) {
                throw new PortTakenException("dynalite did not listen on 127.0.0.1:" + chosen + " (is the port in use?)");
            }
            dynalite.awaitReady();
            return dynalite;
        } catch (IOException | RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    /** The project's installation, found from the working directory (a module folder or the repository root). */
    public static Path defaultInstallation() {
        return repositoryFile(INSTALLATION);
    }

    /** {@code relative} in the repository that holds the working directory. */
    public static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("not inside the click-to-call repository: " + Path.of("").toAbsolutePath());
    }

    public String endpoint() {
        return endpoint;
    }

    public URI uri() {
        return URI.create(endpoint);
    }

    /**
     * Creates {@code tableName} from the {@code AWS::DynamoDB::Table} resource {@code logicalId} of the
     * template, and waits until it is active.
     */
    @SuppressWarnings("unchecked")
    public void createTableFromTemplate(Path template, String logicalId, String tableName) throws IOException, InterruptedException {
        Map<String, Object> resources = (Map<String, Object>) CloudFormationYaml.read(template).get("Resources");
        Map<String, Object> resource = resources == null ? null : (Map<String, Object>) resources.get(logicalId);
        if (resource == null || !"AWS::DynamoDB::Table".equals(resource.get("Type"))) {
            throw new IllegalArgumentException(template + " has no AWS::DynamoDB::Table " + logicalId);
        }
        call("CreateTable", createTableRequest((Map<String, Object>) resource.get("Properties"), tableName));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"ACTIVE".equals(call("DescribeTable", Map.of("TableName", tableName)).path("Table").path("TableStatus").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("table " + tableName + " did not become active");
            }
            Thread.sleep(20);
        }
    }

    /** The CreateTable request for a template's table properties: the same keys, indexes and billing. */
    static Map<String, Object> createTableRequest(Map<String, Object> properties, String tableName) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", tableName);
        properties.forEach((name, value) -> {
            if (!NOT_FOR_CREATE_TABLE.contains(name)) {
                request.put(name, value);
            }
        });
        return request;
    }

    /** One DynamoDB API call in its JSON wire format (dynalite checks that a signature is present, not that it is right). */
    public JsonNode call(String operation, Object body) throws IOException, InterruptedException {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("X-Amz-Date", date)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/" + date.substring(0, 8)
                        + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=local")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException(operation + " failed: " + response.statusCode() + " " + answer);
        }
        return answer;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("dynalite exited with status " + process.exitValue() + " (is the port in use?)");
            }
            try {
                call("ListTables", Map.of());
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(50);
            }
        }
        throw new IOException("dynalite did not answer on " + endpoint + " within 30 s", last);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
