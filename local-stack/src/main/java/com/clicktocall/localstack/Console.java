package com.clicktocall.localstack;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The stack's console: one line per thing that happened, with the time and where it came from. */
public final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static volatile PrintStream out = System.out;
    private static volatile boolean quiet = Boolean.getBoolean("local-stack.quiet");

    private Console() {
    }

    public static void line(String source, String text) {
        if (quiet) {
            return;
        }
        PrintStream stream = out;
        synchronized (Console.class) {
            stream.println(LocalTime.now().format(TIME) + " [" + source + "] " + text);
        }
    }

    /** Lines printed without time or source: the start-up banner. */
    public static void plain(String text) {
        if (!quiet) {
            out.println(text);
        }
    }

    /** Tests silence the console (function output is still written to the run folder). */
    public static void quiet(boolean value) {
        quiet = value;
    }
}
