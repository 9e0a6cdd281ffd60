package com.clicktocall.localstack.events;

import com.clicktocall.localstack.Console;
import com.clicktocall.localstack.apigateway.SamTemplate;
import com.clicktocall.localstack.http.Exchange;
import com.clicktocall.localstack.lambda.LambdaService;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's {@code Schedule} events, run as EventBridge runs them: the function is invoked asynchronously every period with
 * a "Scheduled Event" from {@code aws.events}. Rate expressions only ({@code rate(1 minute)}, {@code rate(5 minutes)},
 * hours, days); a period given for the stack replaces the template's, so tests need not wait minutes.
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html">Schedule expressions</a>
 */
public final class Schedules implements AutoCloseable {

    /** One function's schedule as it runs here. */
    public record Scheduled(String function, String eventId, String expression, Duration period) {
    }

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("schedules").factory());
    private final List<Scheduled> running = new ArrayList<>();
    private final LambdaService lambda;
    private final String region;
    private final String accountId;

    /**
     * @param periodOverride function name → the period it runs on instead of its schedule's ({@code *}: every function)
     */
    public Schedules(SamTemplate template, LambdaService lambda, Map<String, Duration> periodOverride, String region, String accountId) {
        this(template, lambda, periodOverride, Map.of(), region, accountId);
    }

    /**
     * @param fallback function name → its schedule expression, for a function that runs but that the template does not define
     *        (a template without it: the stack then runs the module's functions by their known names)
     */
    public Schedules(SamTemplate template, LambdaService lambda, Map<String, Duration> periodOverride, Map<String, String> fallback,
            String region, String accountId) {
        this.lambda = lambda;
        this.region = region;
        this.accountId = accountId;
        List<SamTemplate.Function> functions = new ArrayList<>(template.functions());
        fallback.forEach((name, expression) -> {
            if (template.function(name).isEmpty()) {
                functions.add(new SamTemplate.Function(name, name, name, Map.of(), Optional.empty(), Optional.empty(), List.of(),
                        List.of(new SamTemplate.ScheduleRule("Schedule", expression, true))));
            }
        });
        for (SamTemplate.Function function : functions) {
            for (SamTemplate.ScheduleRule rule : function.schedules()) {
                if (!rule.enabled() || !lambda.has(function.name())) {
                    continue;
                }
                Optional<Duration> period = Optional.ofNullable(periodOverride.get(function.name()))
                        .or(() -> Optional.ofNullable(periodOverride.get("*"))).or(() -> rate(rule.expression()));
                if (period.isEmpty()) {
                    Console.line("schedule", function.name() + ": '" + rule.expression() + "' is not run here (rate(N minutes|hours|days)"
                            + " only)");
                    continue;
                }
                Scheduled scheduled = new Scheduled(function.name(), rule.eventId(), rule.expression(), period.get());
                running.add(scheduled);
                long ms = period.get().toMillis();
                timer.scheduleAtFixedRate(() -> fire(scheduled, function.logicalId()), ms, ms, TimeUnit.MILLISECONDS);
                Console.line("schedule", function.name() + " every " + describe(period.get()) + " (" + rule.expression() + ")");
            }
        }
    }

    /**
     * The period of a rate expression; empty for {@code cron(...)} and for what EventBridge refuses ({@code rate(0 minutes)},
     * seconds).
     */
    public static Optional<Duration> rate(String expression) {
        Matcher m = RATE.matcher(expression.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    public List<Scheduled> running() {
        return List.copyOf(running);
    }

    private void fire(Scheduled scheduled, String logicalId) {
        try {
            String rule = "arn:aws:events:" + region + ":" + accountId + ":rule/local-" + logicalId + "-" + scheduled.eventId();
            Map<String, Object> event = ChimeMeetingEvents.envelope("Scheduled Event", "aws.events", List.of(rule), Map.of(), region,
                    accountId);
            lambda.invokeEvent(scheduled.function(), Exchange.JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException | RuntimeException e) {
            Console.line("schedule", scheduled.function() + ": not invoked: " + e.getMessage());
        }
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
