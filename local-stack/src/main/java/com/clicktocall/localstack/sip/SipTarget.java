package com.clicktocall.localstack.sip;

import java.net.URI;

/** Where a SIP call goes: host and port, over UDP. Written as {@code sip:host:port} in configuration. */
public record SipTarget(String host, int port) {

    public static final int DEFAULT_PORT = 5060;

    /**
     * @param text {@code sip:host:port}, {@code sip:user@host:port} or {@code host:port}
     * @throws IllegalArgumentException when it is not one of those
     */
    public static SipTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty SIP target");
        }
        String s = text.strip();
        if (s.startsWith("sip:")) {
            s = s.substring(4);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        URI uri = URI.create("sip://" + s);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a SIP target: '" + text + "' (expected sip:host:port)");
        }
        return new SipTarget(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    @Override
    public String toString() {
        return "sip:" + host + ":" + port;
    }
}
