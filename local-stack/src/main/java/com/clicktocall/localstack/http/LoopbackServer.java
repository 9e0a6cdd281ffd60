package com.clicktocall.localstack.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JDK HTTP server with one virtual thread per request. Every request passes the port's
 * {@link RequestGuard} first (Host and cross-site checks; a refusal is a 403). A failing endpoint never
 * takes the server down: the request gets an error answer and the failure is logged.
 */
public final class LoopbackServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoopbackServer.class.getName());

    static {
        // Without it every small response waits ~40 ms on delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackServer(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    /**
     * A server no browser page may call ({@link RequestGuard#noBrowserPages}).
     *
     * @param port 0 for any free port
     * @throws UncheckedIOException when the address cannot be bound (port in use)
     */
    public static LoopbackServer start(String name, String host, int port, Endpoint endpoint) {
        return start(name, host, port, RequestGuard.noBrowserPages(host), endpoint);
    }

    /**
     * @param port 0 for any free port
     * @throws UncheckedIOException when the address cannot be bound (port in use)
     */
    public static LoopbackServer start(String name, String host, int port, RequestGuard guard, Endpoint endpoint) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for the " + name + " (" + e.getMessage() + ")", e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", http -> {
            Exchange exchange = new Exchange(http);
            try {
                java.util.Optional<String> refusal = guard.refusal(exchange);
                if (refusal.isPresent()) {
                    LOG.fine(() -> name + ": " + refusal.get());
                    throw new HttpProblem(403, "Forbidden", refusal.get());
                }
                endpoint.handle(exchange);
            } catch (HttpProblem problem) {
                answer(endpoint, exchange, problem);
            } catch (IOException e) {
                LOG.log(Level.FINE, name + ": connection failed", e);
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, name + ": " + exchange.method() + " " + exchange.path() + " failed", e);
                answer(endpoint, exchange, new HttpProblem(500, "InternalError", "internal error: " + e));
            } finally {
                http.close();
            }
        });
        server.start();
        return new LoopbackServer(name, server, executor);
    }

    private static void answer(Endpoint endpoint, Exchange exchange, HttpProblem problem) {
        if (exchange.answered()) {
            return;
        }
        try {
            endpoint.answerProblem(exchange, problem);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not send the error answer", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
