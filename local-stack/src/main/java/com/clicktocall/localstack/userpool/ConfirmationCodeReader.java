package com.clicktocall.localstack.userpool;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks confirmation codes out of cognito-local's console output, which prints each message it would
 * send as a box of {@code Name: value} lines ({@code Destination:} the address, {@code Code:} the code).
 */
final class ConfirmationCodeReader {

    private static final Pattern FIELD = Pattern.compile("(Destination|Code):\\s+(\\S+)");

    private String destination;

    /** Reads one line; returns {destination, code} when the line completes a message. */
    String[] read(String line) {
        Matcher m = FIELD.matcher(line);
        String[] found = null;
        while (m.find()) {
            if (m.group(1).equals("Destination")) {
                destination = m.group(2);
            } else if (destination != null) {
                found = new String[] {destination, m.group(2)};
                destination = null;
            }
        }
        return found;
    }
}
