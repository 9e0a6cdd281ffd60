package com.clicktocall.localstack.web;

import com.clicktocall.localstack.http.Endpoint;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.http.HttpProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The web port: the built browser client ({@code web/dist}) with the generated {@code config.json}, and the
 * stack's own endpoints under {@code /local/} ({@link LocalEndpoints}). CORS for the allowed origins, the
 * preflight and the methods allowed are checked here for both.
 */
public final class WebEndpoint implements Endpoint {

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("woff2", "font/woff2"), Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("webmanifest", "application/manifest+json"));

    private final Path site;
    private final Supplier<Map<String, Object>> clientConfig;
    private final Set<String> allowedOrigins;
    private final LocalEndpoints local;

    /**
     * @param site the built browser client, served as it is; a page that says how to build it when it is missing
     * @param clientConfig {@code config.json}, asked for on each request
     * @param allowedOrigins the pages that may call this port from the browser (CORS)
     */
    public WebEndpoint(Path site, Supplier<Map<String, Object>> clientConfig, Set<String> allowedOrigins, LocalEndpoints local) {
        this.site = site;
        this.clientConfig = clientConfig;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.local = local;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        cors(exchange);
        String path = exchange.path();
        // the paths that take a body (the caller page's offer, joining, leaving) answer other methods themselves
        boolean posted = LocalEndpoints.POST_PATHS.contains(path);
        if (exchange.method().equals("OPTIONS")) {
            exchange.withHeader("Access-Control-Allow-Methods", posted ? "POST,OPTIONS" : "GET,OPTIONS")
                    .withHeader("Access-Control-Allow-Headers", path.equals(LocalEndpoints.MEDIA_PATH) ? "Authorization,Content-Type"
                            : "Content-Type")
                    .sendEmpty(204);
            return;
        }
        if (!posted && !exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            throw new HttpProblem(405, "method_not_allowed", exchange.method() + " is not served here");
        }
        if (path.startsWith(LocalEndpoints.PREFIX)) {
            local.handle(exchange);
        } else if (path.equals("/config.json")) {
            exchange.withHeader("Cache-Control", "no-store");
            exchange.sendJson(200, clientConfig.get());
        } else {
            staticFile(exchange, path);
        }
    }

    /**
     * {@code {"code": type, "message": ...}}, the type also as {@code error} (what the web port wrote before
     * {@code code}), so that readers of either keep working.
     */
    @Override
    public void answerProblem(Exchange exchange, HttpProblem problem) throws IOException {
        exchange.sendJson(problem.status(), Map.of("code", problem.type(), "error", problem.type(), "message", problem.getMessage()));
    }

    private void cors(Exchange exchange) {
        String origin = exchange.header("Origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            exchange.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
        }
    }

    private void staticFile(Exchange exchange, String path) throws IOException {
        Path index = site.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            exchange.send(200, "text/html; charset=utf-8", notBuiltPage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path root = site.toRealPath();
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            throw new HttpProblem(404, "not_found", "not found");
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            if (path.substring(path.lastIndexOf('/') + 1).contains(".")) {
                throw new HttpProblem(404, "not_found", "not found: " + path);
            }
            file = index; // the client routes its own paths
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        exchange.withHeader("Cache-Control", name.equals("index.html") ? "no-cache" : "public, max-age=60");
        exchange.send(200, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"), Files.readAllBytes(file));
    }

    private String notBuiltPage() {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Click-to-call: local stack</title></head>
                <body style="font-family:sans-serif;max-width:40em;margin:3em auto">
                <h1>The web client is not built</h1>
                <p>The local stack is running, but there is no <code>%s/index.html</code>.</p>
                <p>Build the browser client, then reload this page:</p>
                <pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
                <p>(<code>scripts/local-stack.sh</code> does this for you when <code>web/package.json</code> exists.)
                The stack's configuration for the client is at <a href="/config.json">/config.json</a>.</p>
                </body></html>
                """.formatted(site);
    }
}
