package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.chimesdkmeetings.ChimeSdkMeetingsClient;
import software.amazon.awssdk.services.chimesdkvoice.ChimeSdkVoiceClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Least privilege: no wildcard actions, and each function may call exactly the Chime and EC2 operations its code calls. */
class IamPolicyTest {

    private final SamTemplate template = SamTemplate.load();

    static List<String> functions() {
        return SamTemplate.load().functions();
    }

    @Test
    void noAllowStatement_grantsAWildcardAction() {
        List<String> wildcards = new ArrayList<>();
        allStatements().forEach(statement -> {
            if ("Allow".equals(statement.get("Effect"))) {
                actions(statement).stream().filter(a -> a.contains("*")).forEach(wildcards::add);
            }
        });
        assertThat(allStatements()).as("policy statements found").hasSizeGreaterThan(5);
        assertThat(wildcards).isEmpty();
    }

    @Test
    void functions_useNoBroadSamPolicyTemplatesOrManagedPolicies() {
        for (String function : functions()) {
            for (Object policy : SamTemplate.list(template.properties(function).get("Policies"))) {
                assertThat(policy).as("%s policy", function).isInstanceOf(Map.class);
                assertThat(SamTemplate.map(policy)).as("%s policy", function).containsOnlyKeys("Statement");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("functions")
    void chimeActions_areExactlyTheOperationsTheFunctionCalls(String function) {
        String module = template.module(function);
        assertThat(granted(function, "chime:")).as("chime actions granted to %s vs. Chime SDK calls in %s sources", function, module)
                .isEqualTo(chimeCallsIn(FunctionModules.sources(module)));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void ec2Actions_areExactlyTheOperationsTheFunctionCalls(String function) {
        String module = template.module(function);
        assertThat(granted(function, "ec2:")).as("ec2 actions granted to %s vs. EC2 SDK calls in %s sources", function, module)
                .isEqualTo(callsIn(FunctionModules.sources(module), "ec2:", Ec2Client.class));
    }

    /**
     * Actions the service authorization reference gives the {@code meeting} resource type (required):
     * they must name this account's meetings in the stack's region (the meetings' control region), never "*".
     * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonchime.html
     */
    static final Set<String> MEETING_ACTIONS = Set.of("chime:CreateAttendee", "chime:DeleteMeeting");
    static final Object REGIONAL_MEETINGS = Map.of("Fn::Sub",
            "arn:${AWS::Partition}:chime:${AWS::Region}:${AWS::AccountId}:meeting/*");
    static final Object REGIONLESS_MEETINGS = Map.of("Fn::Sub", "arn:${AWS::Partition}:chime::${AWS::AccountId}:meeting/*");

    @Test
    void meetingActions_areScopedToTheAccountsMeetings() {
        List<String> checked = new ArrayList<>();
        for (String function : functions()) {
            for (Object policy : SamTemplate.list(template.properties(function).get("Policies"))) {
                for (Object item : SamTemplate.list(SamTemplate.map(policy).get("Statement"))) {
                    Map<String, Object> statement = SamTemplate.map(item);
                    List<String> meetingActions = actions(statement).stream().filter(MEETING_ACTIONS::contains).toList();
                    if (meetingActions.isEmpty()) {
                        continue;
                    }
                    checked.add(function);
                    assertThat(actions(statement)).as("%s: meeting-scoped actions share no statement with others", function)
                            .allMatch(MEETING_ACTIONS::contains);
                    assertThat(statement.get("Resource")).as("%s %s", function, meetingActions)
                            .isEqualTo(List.of(REGIONAL_MEETINGS, REGIONLESS_MEETINGS));
                }
            }
        }
        assertThat(checked).contains("CallControlFunction", "SmaHandlerFunction", "MeetingEventsFunction", "CallSweeperFunction");
    }

    @Test
    void meetingActions_areNeverGrantedOnEverything_whileCreateMeetingMustBe() {
        // CreateMeeting has no resource type in the reference, so "*" is the only resource it accepts.
        Set<String> onEverything = new TreeSet<>();
        for (Map<String, Object> statement : allStatements()) {
            if ("Allow".equals(statement.get("Effect")) && "*".equals(statement.get("Resource"))) {
                actions(statement).stream().filter(a -> a.startsWith("chime:")).forEach(onEverything::add);
            }
        }
        assertThat(onEverything).contains("chime:CreateMeeting").doesNotContainAnyElementsOf(MEETING_ACTIONS);
    }

    /** {@code client.createMeeting(...)} in the sources → {@code chime:CreateMeeting}. */
    static Set<String> chimeCallsIn(String sources) {
        return callsIn(sources, "chime:", ChimeSdkMeetingsClient.class, ChimeSdkVoiceClient.class);
    }

    /** Calls of the clients' operations in the sources, as IAM actions with this service prefix. */
    static Set<String> callsIn(String sources, String prefix, Class<?>... clients) {
        Set<String> operations = Stream.of(clients)
                .flatMap(client -> Stream.of(client.getMethods()))
                .filter(IamPolicyTest::isOperation)
                .map(Method::getName)
                .collect(Collectors.toSet());
        Set<String> called = new TreeSet<>();
        Matcher call = Pattern.compile("\\.(\\w+)\\(").matcher(sources);
        while (call.find()) {
            if (operations.contains(call.group(1))) {
                called.add(prefix + Character.toUpperCase(call.group(1).charAt(0)) + call.group(1).substring(1));
            }
        }
        return called;
    }

    private Set<String> granted(String function, String prefix) {
        Set<String> granted = new TreeSet<>();
        for (Object policy : SamTemplate.list(template.properties(function).get("Policies"))) {
            for (Object statement : SamTemplate.list(SamTemplate.map(policy).get("Statement"))) {
                if ("Allow".equals(SamTemplate.map(statement).get("Effect"))) {
                    actions(SamTemplate.map(statement)).stream().filter(a -> a.startsWith(prefix)).forEach(granted::add);
                }
            }
        }
        return granted;
    }

    @Test
    void chimeCallScan_recognisesOperationsAndIgnoresOtherCalls() {
        assertThat(chimeCallsIn("client.createMeeting(b -> b); voice.updateSipMediaApplicationCall(r); list.stream(); x.close();"))
                .containsExactly("chime:CreateMeeting", "chime:UpdateSipMediaApplicationCall");
        assertThat(callsIn("ec2.describeManagedPrefixLists(b -> b); s3.deleteObjects(r);", "ec2:", Ec2Client.class))
                .containsExactly("ec2:DescribeManagedPrefixLists");
    }

    private static boolean isOperation(Method method) {
        return !Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
                && method.getParameterTypes()[0].getSimpleName().endsWith("Request")
                && !method.getName().endsWith("Paginator");
    }

    private List<Map<String, Object>> allStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        SamTemplate.walk(template.resources(), (node, path) -> {
            Map<String, Object> map = SamTemplate.map(node);
            if (map.containsKey("Statement") && map.get("Statement") instanceof List<?> list) {
                list.forEach(s -> statements.add(SamTemplate.map(s)));
            }
        });
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof String one ? List.of(one) : SamTemplate.list(action).stream().map(String::valueOf).toList();
    }
}
