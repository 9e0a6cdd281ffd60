package com.clicktocall.localstack;

import com.clicktocall.localstack.apigateway.ApiGateway;
import com.clicktocall.localstack.apigateway.ApiRoute;
import com.clicktocall.localstack.apigateway.CognitoAuthorizer;
import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.chime.ChimeControlPlane;
import com.clicktocall.localstack.chime.Meetings;
import com.clicktocall.localstack.events.ChimeMeetingEvents;
import com.clicktocall.localstack.events.Schedules;
import com.clicktocall.localstack.http.DeferredEndpoint;
import com.clicktocall.localstack.http.GuardedProxy;
import com.clicktocall.localstack.http.LoopbackServer;
import com.clicktocall.localstack.http.RequestGuard;
import com.clicktocall.localstack.lambda.FunctionSpec;
import com.clicktocall.localstack.lambda.InvokeApi;
import com.clicktocall.localstack.lambda.LambdaService;
import com.clicktocall.localstack.lambda.LambdaSettings;
import com.clicktocall.localstack.sip.AgentBehaviour;
import com.clicktocall.localstack.sip.AgentBehaviours;
import com.clicktocall.localstack.sip.AgentCall;
import com.clicktocall.localstack.sip.AgentConfig;
import com.clicktocall.localstack.sip.AgentListener;
import com.clicktocall.localstack.sip.CallerMediaOffers;
import com.clicktocall.localstack.sip.EmbeddedAgent;
import com.clicktocall.localstack.sip.JainSipPhone;
import com.clicktocall.localstack.sip.SipMessageLog;
import com.clicktocall.localstack.sip.SipTarget;
import com.clicktocall.localstack.sip.Softphone;
import com.clicktocall.localstack.softphone.SoftphoneRegistrar;
import com.clicktocall.localstack.sma.SmaEngine;
import com.clicktocall.localstack.sma.SmaSettings;
import com.clicktocall.localstack.userpool.Mailbox;
import com.clicktocall.localstack.userpool.UserPool;
import com.clicktocall.localstack.web.LocalEndpoints;
import com.clicktocall.localstack.web.MeetingEvents;
import com.clicktocall.localstack.web.WebEndpoint;
import com.clicktocall.testsupport.Dynalite;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The local stack: the offline stand-in for the AWS side of click-to-call. Runs the packaged
 * functions unchanged and emulates API Gateway, Cognito, Lambda, the Chime SDK control plane and the
 * SIP media application around them. {@link #main} is the command; tests use {@link #start}.
 */
public final class LocalStack implements AutoCloseable {

    private final StackConfig config;
    /** What has started, in order; stopped in reverse. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile boolean closed;
    private Path runDirectory;
    private SamTemplate template;

    private LoopbackServer web;
    private LoopbackServer api;
    private LoopbackServer chime;
    private LoopbackServer lambdaApi;
    /*
     * Each HTTP port listens first, for its URL (a free port when 0): what answers on it is built from the URLs
     * and the parts started after, and set then. Until it is, the port answers 503.
     */
    private final DeferredEndpoint webEndpoint = new DeferredEndpoint();
    private final DeferredEndpoint apiEndpoint = new DeferredEndpoint();
    private final DeferredEndpoint chimeEndpoint = new DeferredEndpoint();
    private final DeferredEndpoint lambdaEndpoint = new DeferredEndpoint();
    /** The web origin, then the --allowed-origins: the pages the web, API and user-pool ports admit. */
    private final Set<String> pageOrigins = new CopyOnWriteArraySet<>();

    private LambdaService lambda;
    private ChimeMeetingEvents meetingEvents;
    private Schedules schedules;
    private int callerJoinTimeoutSeconds;
    private Dynalite dynamoDb;
    private LoopbackServer ledgerProxy;
    private Meetings meetings;
    private Mailbox mailbox;
    private SoftphoneRegistrar softphoneRegistrar;
    private String softphoneNote = "off";
    /** The caller pages' WebRTC offers for the softphone: only while the stack's own registrar runs. */
    private CallerMediaOffers callerOffers;
    private EmbeddedAgent agent;
    private JainSipPhone phone;
    private SmaEngine engine;
    private UserPool userPool;
    private ApiGateway gateway;

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    public static void main(String[] args) {
        StackConfig config;
        try {
            config = StackConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (config.help()) {
            System.out.print(StackConfig.usage());
            return;
        }
        LocalStack stack;
        try {
            stack = start(config);
        } catch (Exception e) {
            System.err.println("The local stack could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Console.line("stack", "stopping");
            stack.close();
        }, "local-stack-shutdown"));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything; on failure, what was started is stopped again. */
    public static LocalStack start(StackConfig config) throws Exception {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Path root = config.repoRoot();
        runDirectory = config.runDirectory();
        Files.createDirectories(runDirectory);
        String host = config.text("host");
        template = SamTemplate.load(root.resolve("template.yaml"));
        // The browser origins the stack's own page (and --allowed-origin pages) calls from: the web,
        // API and user-pool ports admit them; every other port admits no page at all.
        RequestGuard pages = RequestGuard.forPages(host, pageOrigins);
        warnWhenExposed(host);

        listen(host, pages);
        startLambda();
        lambdaEndpoint.set(new InvokeApi(lambda));
        startLedger(root, host);
        startMeetings();
        startSip(root);
        chimeEndpoint.set(new ChimeControlPlane(meetings, engine, hostPort(chime), StackConfig.ACCOUNT_ID));
        StackFunctions functions = new StackFunctions(config, template, root);
        functions.register(lambda, web.url(), chime.url(), dynamoDb.endpoint());
        callerJoinTimeoutSeconds = functions.callerJoinTimeoutSeconds();
        if (callerJoinTimeoutSeconds < 5 || callerJoinTimeoutSeconds > 60) {
            // the template's bounds on CallerJoinTimeoutSeconds, which the page checks config.json against
            Console.line("stack", "caller join timeout " + callerJoinTimeoutSeconds + " s is outside the template's 5-60 s: the web page"
                    + " will refuse config.json (tests that drive the API alone do not mind)");
        }
        startEvents();
        CompletableFuture<Void> prewarm = startPrewarm();
        Optional<CognitoAuthorizer> poolAuthorizer = startUserPool(host, pages);
        gateway = apiGateway(poolAuthorizer);
        apiEndpoint.set(gateway);
        webEndpoint.set(new WebEndpoint(config.path("web-dir", "web/dist"), this::clientConfig, pageOrigins,
                new LocalEndpoints(meetings, mailbox, engine, lambda.invocationLog(), Optional.ofNullable(softphoneRegistrar),
                        Optional.ofNullable(callerOffers), poolAuthorizer)));
        awaitPrewarm(prewarm);
        banner();
    }

    /** The four HTTP ports, in this order; the web port's origin is the first page origin. */
    private void listen(String host, RequestGuard pages) {
        web = keep(LoopbackServer.start("web", host, config.integer("web-port"), pages, webEndpoint));
        pageOrigins.add(web.url());
        pageOrigins.addAll(config.list("allowed-origin"));
        api = keep(LoopbackServer.start("API", host, config.integer("api-port"), pages, apiEndpoint));
        chime = keep(LoopbackServer.start("Chime control plane", host, config.integer("chime-port"), chimeEndpoint));
        lambdaApi = keep(LoopbackServer.start("Lambda Invoke API", host, config.integer("lambda-port"), lambdaEndpoint));
    }

    private void startLambda() {
        lambda = keep(new LambdaService(new LambdaSettings(config.path("ric-dir", "local-stack/target/lambda-runtime-interface-client"),
                javaCommand(), LambdaSettings.DEFAULT_JVM_OPTIONS, runDirectory, config.lambdaConcurrency(),
                config.flag("echo-function-output"), StackConfig.REGION, StackConfig.ACCOUNT_ID,
                Duration.ofSeconds(config.integer("lambda-idle-seconds")))));
    }

    /** The call ledger: dynalite, with its table created as template.yaml defines it. */
    private void startLedger(Path root, String host) throws Exception {
        // dynalite admits any Host and Origin: it listens on a free loopback port, behind the stack's guard.
        dynamoDb = keep(Dynalite.start(config.path("dynalite-dir", Dynalite.INSTALLATION), 0, ParentLifetime.tied(List.of())));
        ledgerProxy = keep(GuardedProxy.start("call ledger (dynalite)", host, config.integer("dynamodb-port"),
                RequestGuard.noBrowserPages(host), dynamoDb.uri()));
        dynamoDb.createTableFromTemplate(root.resolve("template.yaml"), StackConfig.LEDGER_TABLE_RESOURCE, StackConfig.LEDGER_TABLE);
    }

    /**
     * What EventBridge does for the functions: Chime's meeting events to the functions whose rules match them, and the scheduled
     * functions on their schedule (or the test period).
     */
    private void startEvents() {
        meetingEvents = new ChimeMeetingEvents(ChimeMeetingEvents.targets(template), lambda, StackConfig.REGION, StackConfig.ACCOUNT_ID);
        meetings.addStateListener(meetingEvents);
        Map<String, Duration> periods = new LinkedHashMap<>();
        config.optionalInteger("schedule-period-seconds").ifPresent(s -> periods.put("*", Duration.ofSeconds(s)));
        config.optionalInteger("sweeper-period-seconds").ifPresent(s -> periods.put(StackConfig.CALL_SWEEPER, Duration.ofSeconds(s)));
        periods.values().forEach(p -> {
            if (p.isZero() || p.isNegative()) {
                throw new IllegalArgumentException("a schedule period must be at least 1 s, was " + p.toSeconds());
            }
        });
        schedules = keep(new Schedules(template, lambda, periods, Map.of(StackConfig.CALL_SWEEPER, StackConfig.CALL_SWEEPER_SCHEDULE),
                StackConfig.REGION, StackConfig.ACCOUNT_ID));
    }

    /** The meetings with their event streams, and the mailbox the user pool delivers confirmation codes to. */
    private void startMeetings() {
        MeetingEvents events = new MeetingEvents(config.integer("retained-calls"));
        meetings = keep(new Meetings(events, Duration.ofSeconds(config.integer("meeting-idle-end-seconds")),
                Duration.ofSeconds(config.integer("meeting-max-seconds"))));
        mailbox = new Mailbox();
    }

    /**
     * The SIP side: the embedded agent (and the agent's softphone) when a route has no target of its own, the
     * SMA's phone, and the SMA. The agent and the phone start before the SMA, which needs their addresses; what
     * they see reaches its call timelines from then on.
     */
    private void startSip(Path root) throws Exception {
        Map<String, AgentBehaviour> behaviours = AgentBehaviours.parse(config.text("agent-behaviours"));
        String vcTarget = config.text("voice-connector-target");
        String pstnTarget = config.text("pstn-target");
        DeferredAgentListener agentEvents = new DeferredAgentListener();
        if (vcTarget.isBlank() || pstnTarget.isBlank()) {
            startAgent(root, behaviours, agentEvents);
        }
        SipTarget voiceConnector = vcTarget.isBlank() ? agent.target() : SipTarget.parse(vcTarget);
        SipTarget pstn = pstnTarget.isBlank() ? agent.target() : SipTarget.parse(pstnTarget);
        DeferredSipLog sipLog = new DeferredSipLog();
        phone = keep(JainSipPhone.start(config.integer("sip-port"), sipLog));
        engine = keep(new SmaEngine(new SmaSettings(StackConfig.SMA_ID, StackConfig.ACCOUNT_ID, StackConfig.REGION, "sma-handler",
                Set.of(StackConfig.SMA_PHONE_NUMBER), Set.of(StackConfig.VOICE_CONNECTOR_ARN), voiceConnector, pstn,
                config.millis("invocation-timeout-ms"), config.millis("hangup-after-ms"), runDirectory.resolve("calls"),
                config.integer("retained-calls")),
                lambda, meetings, phone));
        agentEvents.set(engine.agentListener());
        sipLog.set(engine.sipMessageLog());
    }

    /**
     * The embedded agent, with the agent's softphone it rings first and, when the stack runs its own registrar,
     * the caller pages' offers it relays to the softphone.
     */
    private void startAgent(Path root, Map<String, AgentBehaviour> behaviours, AgentListener listener) throws Exception {
        Softphone softphone = startSoftphone(root).orElse(null);
        if (softphoneRegistrar != null) {
            callerOffers = new CallerMediaOffers();
        }
        agent = keep(EmbeddedAgent.start(AgentConfig.defaults().withPort(config.integer("agent-port"))
                .withBehaviours(behaviours).withSoftphone(softphone).withCallerOffers(callerOffers)
                .withRememberedCalls(config.integer("retained-calls")), listener, SipMessageLog.NONE));
    }

    /**
     * The user pool when {@code --user-pool} is on, and the authorizer of its tokens. Its public port (the front)
     * carries the page's guard; cognito-local itself is hidden.
     */
    private Optional<CognitoAuthorizer> startUserPool(String host, RequestGuard pages) throws Exception {
        if (!config.flag("user-pool")) {
            return Optional.empty();
        }
        userPool = keep(UserPool.start(config.path("cognito-dir", "local-stack/cognito"), Files.createDirectories(
                runDirectory.resolve("cognito")), host, config.integer("cognito-port"), pages, lambdaApi.url(),
                lambda.has("pre-sign-up") ? "pre-sign-up" : null, StackConfig.REGION, mailbox));
        return Optional.of(new CognitoAuthorizer(userPool.issuer(), userPool.clientId(), userPool::keys));
    }

    /** The template's routes, behind the user pool's authorizer; without a pool every route is open. */
    private ApiGateway apiGateway(Optional<CognitoAuthorizer> poolAuthorizer) {
        List<ApiRoute> routes = template.routes();
        CognitoAuthorizer authorizer = poolAuthorizer.orElse(null);
        if (authorizer == null) {
            routes = routes.stream().map(r -> new ApiRoute(r.method(), r.resourcePath(), r.function(), false)).toList();
            authorizer = new CognitoAuthorizer("none", "none", () -> new JWKSet());
        }
        return new ApiGateway(routes, lambda, authorizer, pageOrigins, StackConfig.ACCOUNT_ID);
    }

    /** With {@code --prewarm}: every function starts an execution environment now, in the background. */
    private CompletableFuture<Void> startPrewarm() {
        if (config.flag("prewarm")) {
            return CompletableFuture.runAsync(() -> lambda.names().forEach(lambda::prewarm));
        }
        return CompletableFuture.completedFuture(null);
    }

    private void awaitPrewarm(CompletableFuture<Void> prewarm) throws InterruptedException {
        prewarm.join();
        if (config.flag("prewarm")) {
            List<String> cold = lambda.awaitWarm(Duration.ofSeconds(120));
            if (!cold.isEmpty()) {
                Console.line("lambda", "still starting after 120 s: " + cold + " (see logs/ in the run folder)");
            }
        }
    }

    /**
     * The agent's softphone, which the embedded agent rings first for Voice Connector calls, as the
     * PBX's dial plan does: the stack's own registrar (Kamailio and rtpengine), a registrar given as
     * {@code sip:agent@host:port}, or none.
     */
    private Optional<Softphone> startSoftphone(Path root) throws Exception {
        String mode = config.text("softphone").strip();
        String ringSeconds = config.text("softphone-ring-seconds");
        if (mode.equals("off")) {
            return Optional.empty();
        }
        if (!mode.equals("auto") && !mode.equals("on")) {
            softphoneNote = "rings " + mode + " (a registrar of your own)";
            return Softphone.fromOptions(mode, ringSeconds, StackConfig.VOICE_CONNECTOR_PHONE_NUMBER);
        }
        Softphone.ringSeconds(ringSeconds);
        Optional<String> missing = SoftphoneRegistrar.missingProgram();
        if (missing.isPresent()) {
            String why = missing.get() + " is not installed (scripts/install-test-deps.sh installs Kamailio and rtpengine)";
            if (mode.equals("on")) {
                throw new IllegalStateException("--softphone on: " + why);
            }
            softphoneNote = "off: " + why;
            Console.line("softphone", "the agent page is off: " + why);
            return Optional.empty();
        }
        try {
            softphoneRegistrar = keep(SoftphoneRegistrar.start(root.resolve("local-stack/softphone-registrar/kamailio.cfg"),
                    runDirectory.resolve("softphone"), softphonePorts(), pageOrigins));
        } catch (IOException e) {
            if (mode.equals("on")) {
                throw e;
            }
            softphoneNote = "off: " + e.getMessage();
            Console.line("softphone", "the agent page is off: " + e.getMessage());
            return Optional.empty();
        }
        softphoneNote = softphoneRegistrar.webSocketUrl() + " (Kamailio + rtpengine), agent '" + SoftphoneRegistrar.AGENT_NAME
                + "', password at " + web.url() + LocalEndpoints.SOFTPHONE_PATH;
        return Softphone.fromOptions(softphoneRegistrar.agentRecord(), ringSeconds, StackConfig.VOICE_CONNECTOR_PHONE_NUMBER);
    }

    private SoftphoneRegistrar.Ports softphonePorts() {
        return SoftphoneRegistrar.Ports.of(config.integer("softphone-sip-port"), config.integer("softphone-websocket-port"),
                config.integer("softphone-relay-port"), config.text("softphone-media-ports"));
    }

    /** {@code config.json} for the browser client (keys of docs/CONFIGURATION.md). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("apiUrl", api.url());
        c.put("region", StackConfig.REGION);
        c.put("userPoolId", userPool == null ? "" : userPool.userPoolId());
        c.put("userPoolClientId", userPool == null ? "" : userPool.clientId());
        c.put("userPoolEndpoint", userPool == null ? "" : userPool.endpoint());
        // A local pool is where a developer makes users: sign-up is always offered (the allowed domain,
        // when set, still applies through the pre-sign-up function).
        c.put("selfSignUp", userPool != null);
        c.put("meetingLayer", "local");
        c.put("localEventsUrl", web.url() + LocalEndpoints.EVENTS_PATH);
        c.put("localJoinUrl", web.url() + LocalEndpoints.JOIN_PATH);
        c.put("localLeaveUrl", web.url() + LocalEndpoints.LEAVE_PATH);
        c.put("callerJoinTimeoutSeconds", callerJoinTimeoutSeconds);
        if (softphoneRegistrar != null) {
            c.put("softphone", Map.of("webSocketUrl", softphoneRegistrar.webSocketUrl(), "agentName", SoftphoneRegistrar.AGENT_NAME));
            c.put("localMediaUrl", web.url() + LocalEndpoints.MEDIA_PATH);
        }
        return c;
    }

    private void banner() {
        Console.plain("");
        Console.plain("  Click-to-call local stack is running: open " + web.url() + "/");
        Console.plain("");
        Console.plain("  web + config.json   " + web.url() + "   (events " + web.url() + LocalEndpoints.EVENTS_PATH + ")");
        Console.plain("  API                 " + api.url() + "   routes: " + gateway.routes().stream()
                .map(r -> r.method() + " " + r.resourcePath() + "→" + r.function()).toList()
                + (template.fromTemplate() ? " (template.yaml)" : " (ApiRoutes: no template.yaml)"));
        Console.plain("  Chime control plane " + chime.url());
        Console.plain("  call ledger         " + ledgerProxy.url() + "   table " + StackConfig.LEDGER_TABLE
                + " (dynalite; aws dynamodb scan --endpoint-url " + ledgerProxy.url() + " --table-name " + StackConfig.LEDGER_TABLE + ")");
        Console.plain("  Lambda Invoke API   " + lambdaApi.url() + "   functions: " + lambda.names());
        Console.plain("  EventBridge         meeting events → " + meetingEvents.targets().stream().map(ChimeMeetingEvents.Target::function)
                .filter(lambda::has).toList() + "; schedules: " + schedules.running().stream()
                .map(r -> r.function() + " every " + r.period().toSeconds() + " s").toList());
        Console.plain("  user pool           " + (userPool == null ? "(off)" : userPool.endpoint() + "   pool " + userPool.userPoolId()
                + ", client " + userPool.clientId() + " (USER_PASSWORD_AUTH)"));
        Console.plain("  SIP                 SMA phone udp 127.0.0.1:" + phone.port() + (agent == null ? ""
                : ", embedded agent " + agent.target()) + "; Voice Connector → " + engineSettingsTarget(true)
                + ", PSTN → " + engineSettingsTarget(false));
        Console.plain("  agent softphone     " + (softphoneRegistrar == null ? softphoneNote
                : web.url() + "/agent.html   registrar " + softphoneNote));
        Console.plain("  run folder          " + runDirectory);
        Console.plain("");
    }

    /**
     * {@code --host} other than a loopback address opens every HTTP port to the network: say what
     * that gives to anyone who can reach the machine, since none of it checks who is asking.
     */
    private static void warnWhenExposed(String host) {
        if (!RequestGuard.exposesBeyondLoopback(host)) {
            return;
        }
        Console.line("stack", "WARNING: --host " + host + " makes these reachable from the network, to anyone, without credentials:");
        Console.line("stack", "  - the Lambda Invoke API: invokes any function with any payload, e.g. call-control with forged"
                + " authorizer claims (dials any allowed number as anyone)");
        Console.line("stack", "  - the Chime control plane: creates and deletes meetings, starts and updates SMA calls");
        Console.line("stack", "  - the call ledger (DynamoDB): every call record, readable and writable");
        Console.line("stack", "  - the user pool (cognito-local): sign-ups, and administrative calls that need no credentials");
        Console.line("stack", "  - the web page and the API (the API still needs a token from the user pool)");
        Console.line("stack", "  /local/softphone (the agent's SIP password) and /local/mailbox (confirmation codes) stay loopback-only;"
                + " SIP, RTP, the softphone registrar and the functions' Runtime APIs stay on 127.0.0.1.");
    }

    private String engineSettingsTarget(boolean voiceConnector) {
        String configured = config.text(voiceConnector ? "voice-connector-target" : "pstn-target");
        return configured.isBlank() ? "embedded agent" : configured;
    }

    private static String hostPort(LoopbackServer server) {
        return server.url().substring("http://".length());
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    // ---------------------------------------------------------------- accessors (tests, tools)

    public String webUrl() {
        return web.url();
    }

    public String apiUrl() {
        return api.url();
    }

    public String chimeUrl() {
        return chime.url();
    }

    /** The call ledger's DynamoDB endpoint (dynalite); the table is {@link StackConfig#LEDGER_TABLE}. */
    public Dynalite dynamoDb() {
        return dynamoDb;
    }

    /** The call ledger's public DynamoDB endpoint (the guarded proxy in front of dynalite). */
    public String dynamoDbUrl() {
        return ledgerProxy.url();
    }

    /** The user pool's public endpoint (its guarded front, before cognito-local), when it runs. */
    public Optional<String> userPoolUrl() {
        return Optional.ofNullable(userPool).map(UserPool::endpoint);
    }

    public String lambdaUrl() {
        return lambdaApi.url();
    }

    public Optional<UserPool> userPool() {
        return Optional.ofNullable(userPool);
    }

    public Optional<EmbeddedAgent> agent() {
        return Optional.ofNullable(agent);
    }

    public SmaEngine engine() {
        return engine;
    }

    public LambdaService lambda() {
        return lambda;
    }

    /** The scheduled functions as they run. */
    public Schedules schedules() {
        return schedules;
    }

    public Meetings meetings() {
        return meetings;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    /** The UDP port of the SMA's SIP user agent. */
    public int sipPort() {
        return phone.port();
    }

    /** Stops everything, children included; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                Console.line("stack", "stopping " + resource.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    /** Passes the embedded agent's events to the SMA once it exists; drops them before. */
    private static final class DeferredAgentListener implements AgentListener {
        private volatile AgentListener target = AgentListener.NONE;

        void set(AgentListener listener) {
            target = listener;
        }

        @Override
        public void callReceived(AgentCall call) {
            target.callReceived(call);
        }

        @Override
        public void stateChanged(AgentCall call) {
            target.stateChanged(call);
        }

        @Override
        public void softphoneProgress(AgentCall call, String event) {
            target.softphoneProgress(call, event);
        }

        @Override
        public void callerMediaAnswered(AgentCall call, String sdp) {
            target.callerMediaAnswered(call, sdp);
        }

        @Override
        public void digitReceived(AgentCall call, char digit) {
            target.digitReceived(call, digit);
        }
    }

    /** Passes the SMA phone's SIP messages to the SMA once it exists; drops them before. */
    private static final class DeferredSipLog implements SipMessageLog {
        private volatile SipMessageLog target = NONE;

        void set(SipMessageLog log) {
            target = log;
        }

        @Override
        public void logged(Message message) {
            target.logged(message);
        }
    }
}
