package com.clicktocall.localstack.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request and its answer, over the JDK server's {@link HttpExchange}. */
public final class Exchange {

    /** Bodies larger than this are refused: nothing the stack serves takes more. */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpExchange http;
    private byte[] body;
    private boolean answered;

    public Exchange(HttpExchange http) {
        this.http = http;
    }

    public HttpExchange http() {
        return http;
    }

    public String method() {
        return http.getRequestMethod();
    }

    /** The decoded path. */
    public String path() {
        return http.getRequestURI().getPath();
    }

    public String rawQuery() {
        return http.getRequestURI().getRawQuery();
    }

    public String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** Query parameters, the last value of each name winning. */
    public Map<String, String> query() {
        return parseQuery(rawQuery());
    }

    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * @throws HttpProblem 413 when the body is larger than {@link #MAX_BODY_BYTES}
     */
    public byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = http.getRequestBody()) {
                byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
                if (read.length > MAX_BODY_BYTES) {
                    throw new HttpProblem(413, "PayloadTooLarge", "request body larger than " + MAX_BODY_BYTES + " bytes");
                }
                body = read;
            }
        }
        return body;
    }

    public String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    public boolean fromLoopback() {
        return http.getRemoteAddress().getAddress().isLoopbackAddress();
    }

    public Exchange withHeader(String name, String value) {
        http.getResponseHeaders().add(name, value);
        return this;
    }

    public boolean answered() {
        return answered;
    }

    public void send(int status, String contentType, byte[] bytes) throws IOException {
        answered = true;
        if (contentType != null) {
            http.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = bytes == null || bytes.length == 0 || status == 204 || status == 304 || "HEAD".equals(method());
        http.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            http.getResponseBody().write(bytes);
        }
        http.close();
    }

    public void sendJson(int status, Object value) throws IOException {
        send(status, "application/json", JSON.writeValueAsBytes(value));
    }

    public void sendText(int status, String text) throws IOException {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendEmpty(int status) throws IOException {
        send(status, null, null);
    }
}
