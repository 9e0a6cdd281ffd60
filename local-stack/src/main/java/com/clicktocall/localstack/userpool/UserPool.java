package com.clicktocall.localstack.userpool;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.ParentLifetime;
import com.clicktocall.localstack.http.DeferredEndpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.LoopbackServer;
import com.clicktocall.localstack.http.RequestGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local Cognito user pool: {@code cognito-local} as a child process, with a user pool and an app
 * client created at start-up, the pre-sign-up trigger pointed at the local Lambda Invoke API, and the
 * confirmation codes it prints captured into the {@link Mailbox}. Clients reach it through the
 * {@link UserPoolFront} on the configured port, which makes a confirmed sign-up verify the address as
 * Cognito does; cognito-local itself listens on a free loopback port behind it.
 */
public final class UserPool implements AutoCloseable {

    /** The flows cognito-local implements; Amplify must be told to use USER_PASSWORD_AUTH (it does not do SRP). */
    public static final List<String> AUTH_FLOWS = List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

    private final Process process;
    private final LoopbackServer front;
    private final Path dataDirectory;
    private final String endpoint;
    private final String userPoolId;
    private final String clientId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private UserPool(Process process, LoopbackServer front, Path dataDirectory, String endpoint, String userPoolId, String clientId) {
        this.process = process;
        this.front = front;
        this.dataDirectory = dataDirectory;
        this.endpoint = endpoint;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
    }

    /**
     * @param installation   the directory holding {@code node_modules/cognito-local} (after {@code npm ci})
     * @param dataDirectory  cognito-local's working directory (its {@code .cognito/} data goes there)
     * @param lambdaEndpoint the local Lambda Invoke API, for the triggers
     * @param preSignUp      the function to run as the pre-sign-up trigger, or null for none
     */
    public static UserPool start(Path installation, Path dataDirectory, String host, int port, RequestGuard guard,
            String lambdaEndpoint, String preSignUp, String region, Mailbox mailbox) throws IOException, InterruptedException {
        Path launcher = installation.resolve("node_modules/cognito-local/lib/bin/start.js");
        if (!Files.isRegularFile(launcher)) {
            throw new IOException("cognito-local is not installed: run `npm ci` in " + installation);
        }
        DeferredEndpoint frontEndpoint = new DeferredEndpoint();
        // cognito-local answers CORS for any origin and checks no credentials: only the front, with the
        // stack's guard (the page's origins), is reachable on the public port.
        LoopbackServer front = LoopbackServer.start("user pool", host, port, guard, frontEndpoint);
        // The tokens name the front as their issuer: it is the address clients know the pool by.
        String endpoint = front.url();
        String upstream = "http://127.0.0.1:" + freePort();
        Path configDirectory = dataDirectory.resolve(".cognito");
        Files.createDirectories(configDirectory);
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("LambdaClient", Map.of("endpoint", lambdaEndpoint, "region", region,
                "credentials", Map.of("accessKeyId", "test", "secretAccessKey", "test")));
        config.put("TriggerFunctions", preSignUp == null ? Map.of() : Map.of("PreSignUp", preSignUp));
        config.put("TokenConfig", Map.of("IssuerDomain", endpoint));
        config.put("UserPoolDefaults", Map.of("UsernameAttributes", List.of("email")));
        Files.write(configDirectory.resolve("config.json"), Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));

        ProcessBuilder builder = new ProcessBuilder(ParentLifetime.tied(List.of("node", launcher.toString()))).directory(dataDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", upstream.substring(upstream.lastIndexOf(':') + 1));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().remove("DEBUG");
        Process process = builder.start();
        Path log = dataDirectory.resolve("cognito-local.log");
        java.util.concurrent.CompletableFuture<Void> listening = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("cognito-local-output").start(() -> readOutput(process, log, mailbox, listening));
        UserPool pool = null;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            // Its own "running" line first: /health alone could be answered by another program on the port.
            try {
                listening.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("cognito-local did not start listening on " + upstream + " (is the port in use?"
                        + " see " + log + ")");
            }
            awaitReady(client, upstream, process);
            // As template.yaml's pool: a changed address takes effect only once verified.
            JsonNode created = call(client, upstream, "CreateUserPool", Map.of("PoolName", "click-to-call-local",
                    "UsernameAttributes", List.of("email"), "AutoVerifiedAttributes", List.of("email"),
                    "UserAttributeUpdateSettings", Map.of("AttributesRequireVerificationBeforeUpdate", List.of("email"))));
            String userPoolId = created.path("UserPool").path("Id").asText();
            JsonNode client0 = call(client, upstream, "CreateUserPoolClient", Map.of("UserPoolId", userPoolId,
                    "ClientName", "click-to-call-web", "ExplicitAuthFlows", AUTH_FLOWS, "GenerateSecret", false));
            String clientId = client0.path("UserPoolClient").path("ClientId").asText();
            frontEndpoint.set(new UserPoolFront(upstream, userPoolId));
            pool = new UserPool(process, front, dataDirectory, endpoint, userPoolId, clientId);
            mailbox.lookUpPendingCodesIn(pool::pendingConfirmation);
            return pool;
        } finally {
            if (pool == null) {
                process.destroy();
                front.close();
            }
        }
    }

    /** A loopback port free a moment ago, for cognito-local behind the front. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(HttpClient client, String endpoint, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("cognito-local exited with status " + process.exitValue() + " (is the port in use?)");
            }
            try {
                client.send(HttpRequest.newBuilder(URI.create(endpoint + "/health")).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("cognito-local did not start listening on " + endpoint + " within 30 s");
    }

    static JsonNode call(HttpClient client, String endpoint, String operation, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Exchange.JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("cognito-local " + operation + " answered " + response.statusCode() + ": " + response.body());
        }
        return Exchange.JSON.readTree(response.body());
    }

    private static void readOutput(Process process, Path log, Mailbox mailbox, java.util.concurrent.CompletableFuture<Void> listening) {
        ConfirmationCodeReader reader = new ConfirmationCodeReader();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.contains("Cognito Local running on")) {
                    listening.complete(null);
                }
                String[] code = reader.read(line);
                if (code != null) {
                    mailbox.deliver(code[0], code[1]);
                    Console.line("user-pool", "confirmation code for " + code[0] + ": " + code[1]);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        listening.completeExceptionally(new IOException("cognito-local ended"));
    }

    /**
     * The confirmation code of a user who signed up and has not confirmed yet, from the emulator's
     * store ({@code .cognito/db/<pool id>.json}).
     */
    Optional<Mailbox.Message> pendingConfirmation(String email) {
        Path store = dataDirectory.resolve(".cognito/db").resolve(userPoolId + ".json");
        try {
            JsonNode users = Exchange.JSON.readTree(store.toFile()).path("Users");
            for (JsonNode user : users) {
                boolean sameAddress = false;
                for (JsonNode attribute : user.path("Attributes")) {
                    sameAddress |= "email".equals(attribute.path("Name").asText()) && email.equalsIgnoreCase(attribute.path("Value").asText());
                }
                String code = user.path("ConfirmationCode").asText("");
                if (sameAddress && "UNCONFIRMED".equals(user.path("UserStatus").asText()) && !code.isEmpty()) {
                    java.time.Instant at;
                    try {
                        at = java.time.Instant.parse(user.path("UserLastModifiedDate").asText());
                    } catch (java.time.format.DateTimeParseException e) {
                        at = java.time.Instant.now();
                    }
                    return Optional.of(new Mailbox.Message(email, code, at));
                }
            }
        } catch (IOException e) {
            // not written yet, or being rewritten: the console copy answers
        }
        return Optional.empty();
    }

    /** The issuer of the pool's tokens: {@code <endpoint>/<user pool id>}. */
    public String issuer() {
        return endpoint + "/" + userPoolId;
    }

    /** The pool's signing keys, fetched from its JWKS document. */
    public JWKSet keys() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/jwks.json"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JWKSet.parse(response.body());
        } catch (IOException | java.text.ParseException e) {
            throw new UncheckedIOException(new IOException("cannot read the user pool's keys: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String userPoolId() {
        return userPoolId;
    }

    public String clientId() {
        return clientId;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        front.close();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
