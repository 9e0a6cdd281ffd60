package com.clicktocall.localstack;

import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.sip.Softphone;
import com.clicktocall.localstack.sma.SmaSettings;
import com.clicktocall.testsupport.Dynalite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything that can be set when starting the local stack: command-line flags, each with an
 * environment variable ({@code --web-port} ↔ {@code LOCAL_STACK_WEB_PORT}); a flag wins.
 */
public final class StackConfig {

    /** One setting: flag, default, and what it means (for {@code --help}). */
    record Option(String flag, String defaultValue, String help) {

        String environmentVariable() {
            return "LOCAL_STACK_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    static final List<Option> OPTIONS = List.of(
            new Option("repo-root", ".", "the repository: function artifacts, template.yaml, web/dist are found from here"),
            new Option("host", "127.0.0.1", "address every server binds to"),
            new Option("web-port", "8080", "the web page, config.json and /local/* (0: any free port)"),
            new Option("api-port", "8081", "the API (API Gateway)"),
            new Option("chime-port", "8082", "the Chime SDK control plane"),
            new Option("lambda-port", "8083", "the Lambda Invoke API"),
            new Option("cognito-port", "9229", "the user pool (cognito-local)"),
            new Option("dynamodb-port", "8000", "the call ledger's DynamoDB (dynalite)"),
            new Option("agent-port", "5080", "SIP port of the embedded answering agent (0: any)"),
            new Option("sip-port", "0", "SIP port of the SMA's phone (0: any)"),
            new Option("voice-connector-target", "", "sip:host:port where Voice Connector calls go (default: the embedded agent)"),
            new Option("pstn-target", "", "sip:host:port where PSTN calls go (default: the embedded agent)"),
            new Option("agent-behaviours", "", "how the embedded agent answers numbers, e.g. +15550100486=busy,+15550100000=never-answer"),
            new Option("softphone", "auto", "the agent softphone page: auto (start Kamailio and rtpengine as its registrar when both are installed), on (start them or fail), off (the embedded agent answers every call), or sip:agent@host:port (a registrar of your own)"),
            new Option("softphone-ring-seconds", Integer.toString(Softphone.DEFAULT_RING_SECONDS), "how long the softphone rings before the embedded agent answers (5-99, the PBX's AGENT_RING_SECONDS)"),
            new Option("softphone-websocket-port", "8088", "the registrar's SIP over WebSocket port, where the agent page connects (as Asterisk's)"),
            new Option("softphone-sip-port", "5070", "the registrar's SIP port (UDP), where the embedded agent rings the softphone"),
            new Option("softphone-relay-port", "22222", "rtpengine's control port (UDP)"),
            new Option("softphone-media-ports", "30000-30199", "rtpengine's RTP port range"),
            new Option("allowed-origin", "", "extra origins admitted by CORS, comma-separated (e.g. http://localhost:5173)"),
            new Option("allowed-email-domain", "", "only addresses of this domain may sign up and dial (CLICKTOCALL_ALLOWED_EMAIL_DOMAIN)"),
            new Option("function-env", "", "extra function variables, NAME=VALUE,NAME=VALUE"),
            new Option("call-timeout-seconds", "30", "CallAndBridge ring timeout (CLICKTOCALL_CALL_TIMEOUT_SECONDS)"),
            new Option("caller-join-timeout-seconds", "", "how long the SMA handler waits for the caller to join the meeting (CLICKTOCALL_CALLER_JOIN_TIMEOUT_SECONDS; default: the template's)"),
            new Option("caller-rejoin-seconds", "", "how long a dropped caller has to come back (CLICKTOCALL_CALLER_REJOIN_SECONDS; default: the template's)"),
            new Option("max-call-seconds", "", "the longest a connected call lasts, in seconds, for tests (CLICKTOCALL_MAX_CALL_SECONDS; default: the template's MaxCallMinutes)"),
            new Option("schedule-period-seconds", "", "run every scheduled function this often instead of its template schedule (tests)"),
            new Option("sweeper-period-seconds", "", "run call-sweeper this often instead of its template schedule (tests; wins over --schedule-period-seconds)"),
            new Option("invocation-timeout-ms", "5000", "the SMA retries a handler that has not answered within this"),
            new Option("hangup-after-ms", "20000", "and hangs up when it still has no answer after this"),
            new Option("lambda-concurrency", "auto", "execution environments per function at most (auto: min(2, cores)); started on demand"),
            new Option("lambda-idle-seconds", "60", "an instance beyond a function's first is stopped after this long without work"),
            new Option("retained-calls", Integer.toString(SmaSettings.DEFAULT_RETAINED_ENDED_CALLS), "ended calls whose timelines (GET /local/calls/{id}), and ended meetings whose event histories, stay in memory; every timeline is also written to the run folder"),
            new Option("meeting-idle-end-seconds", Long.toString(Meetings.AWS_IDLE_END.toSeconds()), "a meeting with no audio connection (nobody joined or present) this long ends, as in Chime"),
            new Option("meeting-max-seconds", Long.toString(Meetings.AWS_MAX_DURATION.toSeconds()), "a meeting ends this long after it was created, as in Chime"),
            new Option("prewarm", "true", "start one instance of every function at start-up"),
            new Option("echo-function-output", "true", "print function output in the console (always written to the run folder)"),
            new Option("run-dir", "", "where logs, call timelines and unpacked functions go (default local-stack/target/local-stack-runs/<time>)"),
            new Option("web-dir", "", "the built web client (default web/dist)"),
            new Option("cognito-dir", "", "where cognito-local is installed (default local-stack/cognito)"),
            new Option("dynalite-dir", "", "where dynalite is installed (default " + Dynalite.INSTALLATION + ")"),
            new Option("ric-dir", "", "the runtime interface client jars (default local-stack/target/lambda-runtime-interface-client)"),
            new Option("user-pool", "true", "start cognito-local (false: no user pool, every API route open)"));

    /** Values a stack uses that are not options: the emulated account's identifiers. */
    public static final String ACCOUNT_ID = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String SMA_ID = "local-sip-media-application";
    public static final String SMA_PHONE_NUMBER = "+12065550100";
    public static final String VOICE_CONNECTOR_PHONE_NUMBER = "+12065550199";
    public static final String VOICE_CONNECTOR_ARN = "arn:aws:chime:" + REGION + ":" + ACCOUNT_ID + ":vc/localvoiceconnector";
    /** The function modules the stack runs (and the end-to-end tests need packaged), by their directories. */
    public static final List<String> FUNCTIONS = List.of("call-control", "update-call", "call-status", "sma-handler", "pre-sign-up",
            "call-guards");
    /**
     * Modules with one artifact and several handlers (chosen by QUARKUS_LAMBDA_HANDLER), and their functions, for a stack without
     * a template; with one, the functions sharing a CodeUri are read from it.
     */
    static final Map<String, List<String>> SHARED_ARTIFACTS = Map.of("call-guards", List.of("meeting-events", "call-sweeper"));
    /** The call-guards function the sweeper option speeds up. */
    public static final String CALL_SWEEPER = "call-sweeper";
    /** Its schedule when the template does not give one (docs/CALL-GUARDS.md: every minute). */
    public static final String CALL_SWEEPER_SCHEDULE = "rate(1 minute)";
    /** The SMA handler's join wait when neither the option nor the template says. */
    static final int DEFAULT_CALLER_JOIN_TIMEOUT_SECONDS = 20;
    /** The call ledger's table in the stack's DynamoDB, created from {@code CallLedgerTable} of the template. */
    public static final String LEDGER_TABLE = "click-to-call-ledger";
    public static final String LEDGER_TABLE_RESOURCE = "CallLedgerTable";

    private final Map<String, String> values = new LinkedHashMap<>();
    /** Artifacts given in code (tests): function name → artifact and handler. */
    private final Map<String, String[]> functionOverrides = new LinkedHashMap<>();
    private boolean help;

    private StackConfig() {
        OPTIONS.forEach(o -> values.put(o.flag(), o.defaultValue()));
    }

    public static StackConfig defaults() {
        return new StackConfig();
    }

    /**
     * @throws IllegalArgumentException for an unknown flag or a flag without a value
     */
    public static StackConfig parse(String[] args, Map<String, String> environment) {
        StackConfig config = new StackConfig();
        for (Option option : OPTIONS) {
            String fromEnvironment = environment.get(option.environmentVariable());
            if (fromEnvironment != null) {
                config.values.put(option.flag(), fromEnvironment);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                config.help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String flag = name;
            if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag))) {
                throw new IllegalArgumentException("unknown option --" + flag + " (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + flag + " needs a value");
                }
                value = args[++i];
            }
            config.values.put(flag, value);
        }
        return config;
    }

    public StackConfig with(String flag, Object value) {
        if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag))) {
            throw new IllegalArgumentException("unknown option " + flag);
        }
        values.put(flag, String.valueOf(value));
        return this;
    }

    /** Runs {@code artifact} (a function.zip or a directory) as {@code name}, with {@code handler}. */
    public StackConfig withFunction(String name, Path artifact, String handler) {
        functionOverrides.put(name, new String[] {artifact.toString(), handler});
        return this;
    }

    Map<String, String[]> functionOverrides() {
        return functionOverrides;
    }

    public boolean help() {
        return help;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("Usage: scripts/local-stack.sh [--option value ...]\n\n");
        for (Option o : OPTIONS) {
            text.append(String.format("  --%-24s %s%n  %-26s default: %s; env %s%n", o.flag(), o.help(), "",
                    o.defaultValue().isEmpty() ? "(none)" : o.defaultValue(), o.environmentVariable()));
        }
        return text.toString();
    }

    public String text(String flag) {
        return values.get(flag);
    }

    public int integer(String flag) {
        try {
            return Integer.parseInt(values.get(flag).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a number, was '" + values.get(flag) + "'");
        }
    }

    /** {@code --lambda-concurrency}: a number, or {@code auto} for {@link #autoConcurrency()}. */
    public int lambdaConcurrency() {
        String value = values.get("lambda-concurrency").strip();
        return value.equalsIgnoreCase("auto") ? autoConcurrency() : integer("lambda-concurrency");
    }

    /**
     * Two instances per function, fewer on a one-core machine: a second lets one slow invocation (a cold
     * Chime client, a retried SMA event) not hold up the rest; more would only compete for the same cores.
     */
    public static int autoConcurrency() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    public boolean flag(String flag) {
        return Boolean.parseBoolean(values.get(flag).strip());
    }

    /** An optional number: empty when not given. */
    public java.util.Optional<Integer> optionalInteger(String flag) {
        String value = values.get(flag);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(integer(flag));
    }

    public Duration millis(String flag) {
        return Duration.ofMillis(integer(flag));
    }

    public Path repoRoot() {
        return Path.of(values.get("repo-root")).toAbsolutePath().normalize();
    }

    public Path path(String flag, String defaultRelativeToRoot) {
        String value = values.get(flag);
        return value == null || value.isBlank() ? repoRoot().resolve(defaultRelativeToRoot) : Path.of(value).toAbsolutePath();
    }

    public Path runDirectory() {
        return path("run-dir", "local-stack/target/local-stack-runs/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
    }

    public Set<String> list(String flag) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : values.get(flag).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** {@code NAME=VALUE} pairs of a list option. */
    public Map<String, String> pairs(String flag) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : list(flag)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--" + flag + ": '" + item + "' is not NAME=VALUE");
            }
            pairs.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return pairs;
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        values.forEach((k, v) -> lines.add(k + "=" + v));
        return lines;
    }
}
