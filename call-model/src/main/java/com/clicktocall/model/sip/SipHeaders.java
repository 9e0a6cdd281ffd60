package com.clicktocall.model.sip;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for the SIP headers the handler puts on {@code CallAndBridge}.
 *
 * @see <a href="https://docs.aws.amazon.com/chime-sdk/latest/dg/sip-headers.html">Using SIP headers</a>
 */
public final class SipHeaders {

    /** Carries the caller's e-mail to the agent, so the agent knows who is calling. */
    public static final String REQUESTOR_EMAIL = "X-RequestorEmail";

    /** Longest value the handler puts in a header; longer values are cut. */
    public static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final String[] RESERVED_PREFIXES = {"x-amzn", "x-vc", "x-canary", "x-voice"};

    private SipHeaders() {
    }

    /**
     * A header value that can be written on one SIP line: control characters (CR, LF, NUL, TAB, DEL
     * and the rest), Unicode line and paragraph separators removed, surrounding blanks trimmed, cut
     * to {@link #MAX_VALUE_LENGTH}. Null becomes empty.
     */
    public static String sanitiseValue(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        for (int i = 0; i < value.length() && clean.length() < MAX_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                clean.append(c);
            }
        }
        return clean.toString().strip();
    }

    /**
     * Whether CallAndBridge accepts this header name: an RFC 3261 token starting with {@code x-}
     * (any case) and not a reserved prefix, or {@code User-to-User}, or {@code Diversion}.
     */
    public static boolean isAllowedName(String name) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("user-to-user") || lower.equals("diversion")) {
            return true;
        }
        if (!lower.startsWith("x-")) {
            return false;
        }
        for (String reserved : RESERVED_PREFIXES) {
            if (lower.startsWith(reserved)) {
                return false;
            }
        }
        return true;
    }
}
