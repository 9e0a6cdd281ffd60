package com.clicktocall.localstack;

import com.clicktocall.localstack.apigateway.ApiGateway;
import com.clicktocall.localstack.apigateway.ApiRoute;
import com.clicktocall.localstack.apigateway.CognitoAuthorizer;
import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.chime.ChimeControlPlane;
import com.clicktocall.localstack.chime.Meetings;
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
import com.clicktocall.localstack.sip.AgentConfig;
import com.clicktocall.localstack.sip.CallerMediaOffers;
import com.clicktocall.localstack.sip.EmbeddedAgent;
import com.clicktocall.localstack.sip.JainSipPhone;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The local stack: the offline stand-in for the AWS side of click-to-call. Runs the packaged
 * functions unchanged and emulates API Gateway, Cognito, Lambda, the Chime SDK control plane and the
 * SIP media application around them. {@link #main} is the command; tests use {@link #start}.
 */
public final class LocalStack implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StackConfig config;
    private Path runDirectory;
    private LoopbackServer web;
    private LoopbackServer api;
    private LoopbackServer chime;
    private LoopbackServer lambdaApi;
    /** The web origin, then the --allowed-origins: the pages the web, API and user-pool ports admit. */
    private final Set<String> pageOrigins = new java.util.concurrent.CopyOnWriteArraySet<>();
    private LoopbackServer ledgerProxy;
    private LambdaService lambda;
    private Meetings meetings;
    private Mailbox mailbox;
    private SmaEngine engine;
    private EmbeddedAgent agent;
    private SoftphoneRegistrar softphoneRegistrar;
    private Softphone softphone;
    /** The caller pages' WebRTC offers for the softphone: only while the stack's own registrar runs. */
    private CallerMediaOffers callerOffers;
    private String softphoneNote = "off";
    private JainSipPhone phone;
    private UserPool userPool;
    private Dynalite dynamoDb;
    private SamTemplate template;
    private ApiGateway gateway;
    private volatile boolean closed;

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

        DeferredEndpoint webEndpoint = new DeferredEndpoint();
        DeferredEndpoint apiEndpoint = new DeferredEndpoint();
        DeferredEndpoint chimeEndpoint = new DeferredEndpoint();
        DeferredEndpoint lambdaEndpoint = new DeferredEndpoint();
        // The browser origins the stack's own page (and --allowed-origin pages) calls from: the web,
        // API and user-pool ports admit them; every other port admits no page at all.
        Set<String> origins = pageOrigins;
        RequestGuard pages = RequestGuard.forPages(host, origins);
        warnWhenExposed(host);
        web = keep(LoopbackServer.start("web", host, config.integer("web-port"), pages, webEndpoint));
        origins.add(web.url());
        origins.addAll(config.list("allowed-origin"));
        api = keep(LoopbackServer.start("API", host, config.integer("api-port"), pages, apiEndpoint));
        chime = keep(LoopbackServer.start("Chime control plane", host, config.integer("chime-port"), chimeEndpoint));
        lambdaApi = keep(LoopbackServer.start("Lambda Invoke API", host, config.integer("lambda-port"), lambdaEndpoint));

        lambda = keep(new LambdaService(new LambdaSettings(config.path("ric-dir", "local-stack/target/lambda-runtime-interface-client"),
                javaCommand(), LambdaSettings.DEFAULT_JVM_OPTIONS, runDirectory, config.lambdaConcurrency(),
                config.flag("echo-function-output"), StackConfig.REGION, StackConfig.ACCOUNT_ID,
                Duration.ofSeconds(config.integer("lambda-idle-seconds")))));
        lambdaEndpoint.set(new InvokeApi(lambda));

        // dynalite admits any Host and Origin: it listens on a free loopback port, behind the stack's guard.
        dynamoDb = keep(Dynalite.start(config.path("dynalite-dir", Dynalite.INSTALLATION), 0, ParentLifetime.tied(List.of())));
        ledgerProxy = keep(GuardedProxy.start("call ledger (dynalite)", host, config.integer("dynamodb-port"),
                RequestGuard.noBrowserPages(host), dynamoDb.uri()));
        dynamoDb.createTableFromTemplate(root.resolve("template.yaml"), StackConfig.LEDGER_TABLE_RESOURCE, StackConfig.LEDGER_TABLE);

        MeetingEvents events = new MeetingEvents(config.integer("retained-calls"));
        meetings = keep(new Meetings(events, Duration.ofSeconds(config.integer("meeting-idle-end-seconds")),
                Duration.ofSeconds(config.integer("meeting-max-seconds"))));
        mailbox = new Mailbox();

        Map<String, AgentBehaviour> behaviours = AgentBehaviours.parse(config.text("agent-behaviours"));
        String vcTarget = config.text("voice-connector-target");
        String pstnTarget = config.text("pstn-target");
        SmaEngine[] engineRef = new SmaEngine[1];
        if (vcTarget.isBlank() || pstnTarget.isBlank()) {
            softphone = startSoftphone(root).orElse(null);
            if (softphoneRegistrar != null) {
                callerOffers = new CallerMediaOffers();
            }
            agent = keep(EmbeddedAgent.start(AgentConfig.defaults().withPort(config.integer("agent-port"))
                    .withBehaviours(behaviours).withSoftphone(softphone).withCallerOffers(callerOffers)
                    .withRememberedCalls(config.integer("retained-calls")), new DeferredAgentListener(engineRef),
                    com.clicktocall.localstack.sip.SipMessageLog.NONE));
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
        engineRef[0] = engine;
        sipLog.set(engine.sipMessageLog());
        chimeEndpoint.set(new ChimeControlPlane(meetings, engine, hostPort(chime), StackConfig.ACCOUNT_ID));

        registerFunctions(root, origins);

        CompletableFuture<Void> prewarm = CompletableFuture.completedFuture(null);
        if (config.flag("prewarm")) {
            prewarm = CompletableFuture.runAsync(() -> lambda.names().forEach(lambda::prewarm));
        }
        CognitoAuthorizer authorizer = null;
        CognitoAuthorizer poolAuthorizer = null;
        if (config.flag("user-pool")) {
            // The pool's front (the public port) carries the page's guard; cognito-local itself is hidden.
            userPool = keep(UserPool.start(config.path("cognito-dir", "local-stack/cognito"), Files.createDirectories(
                    runDirectory.resolve("cognito")), host, config.integer("cognito-port"), pages, lambdaApi.url(),
                    lambda.has("pre-sign-up") ? "pre-sign-up" : null, StackConfig.REGION, mailbox));
            UserPool pool = userPool;
            authorizer = new CognitoAuthorizer(pool.issuer(), pool.clientId(), pool::keys);
            poolAuthorizer = authorizer;
        }
        List<ApiRoute> routes = template.routes();
        if (authorizer == null) {
            routes = routes.stream().map(r -> new ApiRoute(r.method(), r.resourcePath(), r.function(), false)).toList();
            authorizer = new CognitoAuthorizer("none", "none", () -> new com.nimbusds.jose.jwk.JWKSet());
        }
        gateway = new ApiGateway(routes, lambda, authorizer, origins, StackConfig.ACCOUNT_ID);
        apiEndpoint.set(gateway);
        webEndpoint.set(new WebEndpoint(config.path("web-dir", "web/dist"), this::clientConfig, origins,
                new LocalEndpoints(meetings, mailbox, engine, lambda.invocationLog(), Optional.ofNullable(softphoneRegistrar),
                        Optional.ofNullable(callerOffers), Optional.ofNullable(poolAuthorizer))));
        prewarm.join();
        if (config.flag("prewarm")) {
            List<String> cold = lambda.awaitWarm(Duration.ofSeconds(120));
            if (!cold.isEmpty()) {
                Console.line("lambda", "still starting after 120 s: " + cold + " (see logs/ in the run folder)");
            }
        }
        banner();
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
        } catch (java.io.IOException e) {
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

    private void registerFunctions(Path root, Set<String> origins) {
        Map<String, String> stackValues = functionVariables(origins.iterator().next());
        for (String name : StackConfig.FUNCTIONS) {
            String[] override = config.functionOverrides().get(name);
            Path artifact = override != null ? Path.of(override[0]) : root.resolve(name).resolve("target/function.zip");
            if (!Files.exists(artifact)) {
                Console.line("lambda", name + ": no artifact at " + root.relativize(artifact.toAbsolutePath())
                        + " (build it: ./mvnw -B -pl " + name + " -am -DskipTests package); requests for it will fail");
                continue;
            }
            Optional<SamTemplate.Function> fromTemplate = template.function(name);
            Map<String, String> env = new LinkedHashMap<>();
            List<String> unresolved = new ArrayList<>();
            if (fromTemplate.isPresent()) {
                fromTemplate.get().environment().forEach((variable, value) -> {
                    if (stackValues.containsKey(variable)) {
                        env.put(variable, stackValues.get(variable));
                    } else {
                        template.plainValue(value, StackConfig.REGION).ifPresentOrElse(v -> env.put(variable, v),
                                () -> unresolved.add(variable));
                    }
                });
                if (!unresolved.isEmpty()) {
                    Console.line("lambda", name + ": left unset (computed by CloudFormation in the template): " + unresolved);
                }
            } else {
                env.putAll(stackValues);
            }
            env.put("AWS_ENDPOINT_URL_CHIME_SDK_MEETINGS", chime.url());
            env.put("AWS_ENDPOINT_URL_CHIME_SDK_VOICE", chime.url());
            env.put("CLICKTOCALL_LEDGER_ENDPOINT", dynamoDb.endpoint());
            env.putAll(config.pairs("function-env"));
            Duration timeout = fromTemplate.flatMap(SamTemplate.Function::timeoutSeconds).map(Duration::ofSeconds)
                    .orElse(FunctionSpec.DEFAULT_TIMEOUT);
            int memory = fromTemplate.flatMap(SamTemplate.Function::memoryMb).orElse(FunctionSpec.DEFAULT_MEMORY_MB);
            String handler = override != null ? override[1] : FunctionSpec.QUARKUS_HANDLER;
            lambda.register(new FunctionSpec(name, artifact, handler, env, timeout, memory));
        }
    }

    /** The values docs/CONFIGURATION.md names, pointed at this stack. */
    private Map<String, String> functionVariables(String webOrigin) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CLICKTOCALL_SMA_ID", StackConfig.SMA_ID);
        v.put("CLICKTOCALL_SMA_PHONE_NUMBER", StackConfig.SMA_PHONE_NUMBER);
        v.put("CLICKTOCALL_VOICE_CONNECTOR_PHONE_NUMBER", StackConfig.VOICE_CONNECTOR_PHONE_NUMBER);
        v.put("CLICKTOCALL_VOICE_CONNECTOR_ARN", StackConfig.VOICE_CONNECTOR_ARN);
        v.put("CLICKTOCALL_MEETING_CONTROL_REGION", StackConfig.REGION);
        v.put("CLICKTOCALL_PSTN_CONTROL_REGION", StackConfig.REGION);
        v.put("CLICKTOCALL_MEDIA_REGION", StackConfig.REGION);
        v.put("CLICKTOCALL_CALL_TIMEOUT_SECONDS", config.text("call-timeout-seconds"));
        v.put("CLICKTOCALL_ALLOWED_ORIGIN", webOrigin);
        v.put("CLICKTOCALL_CHIME_ENDPOINT", chime.url());
        v.put("CLICKTOCALL_ALLOWED_EMAIL_DOMAIN", config.text("allowed-email-domain"));
        v.put("CLICKTOCALL_LEDGER_TABLE", StackConfig.LEDGER_TABLE);
        v.put("CLICKTOCALL_LEDGER_REGION", StackConfig.REGION);
        return v;
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
        java.util.Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                Console.line("stack", "stopping " + resource.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    /** Passes the agent's events to the engine once it exists. */
    private record DeferredAgentListener(SmaEngine[] engine) implements com.clicktocall.localstack.sip.AgentListener {
        @Override
        public void callReceived(com.clicktocall.localstack.sip.AgentCall call) {
            if (engine[0] != null) {
                engine[0].agentListener().callReceived(call);
            }
        }

        @Override
        public void stateChanged(com.clicktocall.localstack.sip.AgentCall call) {
            if (engine[0] != null) {
                engine[0].agentListener().stateChanged(call);
            }
        }

        @Override
        public void softphoneProgress(com.clicktocall.localstack.sip.AgentCall call, String event) {
            if (engine[0] != null) {
                engine[0].agentListener().softphoneProgress(call, event);
            }
        }

        @Override
        public void callerMediaAnswered(com.clicktocall.localstack.sip.AgentCall call, String sdp) {
            if (engine[0] != null) {
                engine[0].agentListener().callerMediaAnswered(call, sdp);
            }
        }

        @Override
        public void digitReceived(com.clicktocall.localstack.sip.AgentCall call, char digit) {
            if (engine[0] != null) {
                engine[0].agentListener().digitReceived(call, digit);
            }
        }
    }

    private static final class DeferredSipLog implements com.clicktocall.localstack.sip.SipMessageLog {
        private volatile com.clicktocall.localstack.sip.SipMessageLog target = NONE;

        void set(com.clicktocall.localstack.sip.SipMessageLog log) {
            target = log;
        }

        @Override
        public void logged(Message message) {
            target.logged(message);
        }
    }
}
