package com.clicktocall.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP port of the running stack refuses what a web page open in the developer's browser could
 * send it: a DNS-rebinding request (a foreign {@code Host}), a simple cross-site POST (a foreign
 * {@code Origin}), a cross-site fetch ({@code Sec-Fetch-Site: cross-site}); and still serves the
 * stack's own page where it calls. Raw sockets, because the JDK client does not let a test set {@code Host}.
 */
class PortGuardTest {

    static final String EVIL = "https://evil.example";
    static LocalStack stack;
    static Map<String, URI> ports = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        stack = RunningStack.get();
        ports.put("web", URI.create(stack.webUrl()));
        ports.put("API", URI.create(stack.apiUrl()));
        ports.put("Chime", URI.create(stack.chimeUrl()));
        ports.put("Lambda", URI.create(stack.lambdaUrl()));
        ports.put("user pool", URI.create(stack.userPoolUrl().orElseThrow()));
        ports.put("DynamoDB", URI.create(stack.dynamoDbUrl()));
    }

    @Test
    void aForeignHost_isRefusedOnEveryPort() throws IOException {
        ports.forEach((name, uri) -> assertThat(status(uri, "GET", "/", "rebind.evil.example:" + uri.getPort(), Map.of(), ""))
                .as(name).isEqualTo(403));
    }

    @Test
    void aCrossSiteOrigin_isRefusedOnEveryPort() {
        ports.forEach((name, uri) -> assertThat(status(uri, "POST", "/", host(uri),
                Map.of("Origin", EVIL, "Content-Type", "text/plain"), "{}")).as(name).isEqualTo(403));
    }

    @Test
    void secFetchSiteCrossSite_isRefusedOnEveryPort() {
        ports.forEach((name, uri) -> assertThat(status(uri, "GET", "/", host(uri), Map.of("Sec-Fetch-Site", "cross-site"), ""))
                .as(name).isEqualTo(403));
    }

    @Test
    void aSimpleCrossSitePost_cannotInvokeCallControl() {
        URI lambda = ports.get("Lambda");
        String forged = "{\"requestContext\":{\"authorizer\":{\"claims\":{\"email\":\"victim@example.com\"}}},\"body\":\"{}\"}";
        assertThat(status(lambda, "POST", "/2015-03-31/functions/call-control/invocations", host(lambda),
                Map.of("Origin", EVIL, "Content-Type", "text/plain"), forged)).isEqualTo(403);
    }

    @Test
    void thePagesOwnRequests_stillWork() {
        String page = stack.webUrl();
        URI web = ports.get("web");
        assertThat(status(web, "GET", "/config.json", host(web), Map.of("Sec-Fetch-Site", "same-origin"), "")).isEqualTo(200);
        assertThat(status(web, "GET", "/config.json", "localhost:" + web.getPort(), Map.of(), "")).isEqualTo(200);
        URI api = ports.get("API");
        assertThat(status(api, "OPTIONS", "/dial", host(api), Map.of("Origin", page, "Sec-Fetch-Site", "same-site",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"), ""))
                .isBetween(200, 204);
        URI pool = ports.get("user pool");
        assertThat(status(pool, "OPTIONS", "/", host(pool), Map.of("Origin", page, "Sec-Fetch-Site", "same-site",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-amz-target"), ""))
                .isBetween(200, 204);
        assertThat(status(pool, "POST", "/", host(pool), Map.of("Origin", page, "Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth"),
                "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"" + stack.userPool().orElseThrow().clientId()
                        + "\",\"AuthParameters\":{\"USERNAME\":\"nobody@example.com\",\"PASSWORD\":\"x\"}}"))
                .as("an answer from cognito-local itself, through the proxy").isEqualTo(400);
    }

    @Test
    void toolsThatAreNotBrowsers_stillWork() {
        URI dynamo = ports.get("DynamoDB");
        assertThat(status(dynamo, "POST", "/", host(dynamo), Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "DynamoDB_20120810.ListTables",
                "Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x",
                "X-Amz-Date", "20260101T000000Z"), "{}")).isEqualTo(200);
    }

    private static String host(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** The status of one raw HTTP/1.1 request. */
    static int status(URI server, String method, String path, String host, Map<String, String> headers, String body) {
        try (Socket socket = new Socket(InetAddress.getByName(server.getHost()), server.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
