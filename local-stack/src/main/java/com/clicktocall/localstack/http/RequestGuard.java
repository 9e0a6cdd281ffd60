package com.clicktocall.localstack.http;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may talk to one of the stack's HTTP ports. Two browser attacks are refused before any endpoint
 * sees the request:
 *
 * <ul>
 *   <li><b>DNS rebinding</b>: a page on {@code evil.example} whose name is re-pointed at 127.0.0.1 reads
 *       the stack's answers as its own origin. Its requests carry {@code Host: evil.example}, so only a
 *       loopback name or address ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}) or the host the
 *       stack was told to bind ({@code --host}) is admitted.</li>
 *   <li><b>Cross-site requests</b>: any page open in the developer's browser can send a "simple" POST
 *       (e.g. {@code text/plain}) without a CORS preflight, and the side effect happens even though the page
 *       cannot read the answer. A request with an {@code Origin} the port does not serve, or with
 *       {@code Sec-Fetch-Site: cross-site} from such an origin, is refused.</li>
 * </ul>
 *
 * Clients that are not browsers (the functions, the AWS SDK and CLI, curl) send neither header and pass.
 *
 * @param boundHost the address the server listens on ({@code --host})
 * @param origins   the browser origins this port serves (the stack's own page and {@code --allowed-origin}s);
 *                  read at every request, so the web origin may be added once its port is known
 */
public record RequestGuard(String boundHost, Set<String> origins) {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-f:.]+]");

    /** A port no browser page may call: only loopback (or {@code --host}) names, no {@code Origin}. */
    public static RequestGuard noBrowserPages(String boundHost) {
        return new RequestGuard(boundHost, Set.of());
    }

    /** A port the given pages call (CORS), e.g. the API and the user pool for the web origin. */
    public static RequestGuard forPages(String boundHost, Set<String> origins) {
        return new RequestGuard(boundHost, origins);
    }

    /** Why the request is refused, or empty when it may go on. */
    public Optional<String> refusal(String host, String origin, String fetchSite) {
        if (host == null || !admittedHost(host)) {
            return Optional.of("Host '" + host + "' refused: this local stack answers only requests addressed to "
                    + "localhost, 127.0.0.1, [::1]" + (isLoopbackName(boundHost) ? "" : " or " + boundHost)
                    + " (a DNS-rebinding guard)");
        }
        boolean pageOrigin = origin != null && (origins.contains(origin) || origin.equalsIgnoreCase("http://" + host));
        if (origin != null && !pageOrigin) {
            return Optional.of("cross-site request from origin " + origin + " refused: "
                    + (origins.isEmpty() ? "no browser page may call this port" : "only " + origins + " may call this port"));
        }
        if ("cross-site".equalsIgnoreCase(fetchSite) && !pageOrigin) {
            return Optional.of("cross-site request (Sec-Fetch-Site: cross-site) refused: "
                    + (origins.isEmpty() ? "no browser page may call this port" : "only " + origins + " may call this port"));
        }
        return Optional.empty();
    }

    public Optional<String> refusal(Exchange exchange) {
        return refusal(exchange.header("Host"), exchange.header("Origin"), exchange.header("Sec-Fetch-Site"));
    }

    boolean admittedHost(String hostHeader) {
        String name = hostName(hostHeader);
        if (isLoopbackName(name)) {
            return true;
        }
        String bound = boundHost.toLowerCase(Locale.ROOT);
        if (bound.contains(":") && !bound.startsWith("[")) {
            bound = "[" + bound + "]";
        }
        if (name.equals(bound)) {
            return true;
        }
        // Bound to every interface: any address literal names this machine; a DNS name may be a rebinding one.
        return isWildcard(boundHost) && IP_LITERAL.matcher(name).matches();
    }

    /** The host part of a {@code Host} header, lower case, IPv6 literals keeping their brackets. */
    static String hostName(String hostHeader) {
        String value = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    static boolean isLoopbackName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("localhost") || LOOPBACK_V4.matcher(n).matches() || n.equals("[::1]") || n.equals("::1");
    }

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** Whether binding {@code host} makes the stack reachable from other machines. */
    public static boolean exposesBeyondLoopback(String host) {
        if (isLoopbackName(host)) {
            return false;
        }
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }
}
