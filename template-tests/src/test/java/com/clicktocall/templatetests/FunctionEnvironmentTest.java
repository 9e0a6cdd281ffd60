package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment variable a function reads is set by the template, and every one the template
 * sets is one the function reads: checked against docs/CONFIGURATION.md and against the functions'
 * own {@code @ConfigMapping} interfaces.
 */
class FunctionEnvironmentTest {

    /** Set by tests and the local stack only; in the cloud the SDK's own endpoints apply. */
    private static final Set<String> NOT_FOR_THE_CLOUD = Set.of("CLICKTOCALL_CHIME_ENDPOINT", "CLICKTOCALL_LEDGER_ENDPOINT",
            "CLICKTOCALL_MAX_CALL_SECONDS");
    /** Runtime settings that are not the functions' configuration. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "DISABLE_SIGNAL_HANDLERS",
            // Quarkus' own: which named handler of a module with several a function runs (FunctionPackagingTest).
            "QUARKUS_LAMBDA_HANDLER");

    private final SamTemplate template = SamTemplate.load();

    static List<String> functions() {
        return SamTemplate.load().functions();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyDocumentedVariable_isSetForTheFunctionsThatUseIt(String function) {
        Set<String> expected = new LinkedHashSet<>(documentedFor(template.module(function)));
        expected.removeAll(NOT_FOR_THE_CLOUD);
        assertThat(template.environment(function).keySet()).containsAll(expected);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyVariableSet_isDocumentedForThatFunction(String function) {
        Set<String> set = new LinkedHashSet<>(template.environment(function).keySet());
        set.removeAll(RUNTIME_VARIABLES);
        assertThat(set).allSatisfy(variable ->
                assertThat(documentedFor(template.module(function))).as("documented for %s", template.module(function))
                        .contains(variable));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyRequiredPropertyOfTheFunctionsConfigMappings_isAlwaysSet(String function) {
        String module = template.module(function);
        assertThat(FunctionModules.onClasspath(module)).as("%s classes on the test classpath", module).isTrue();
        Map<String, Object> environment = template.environment(function);
        List<String> missing = new ArrayList<>();
        for (Class<?> mapping : FunctionModules.configMappings(module)) {
            for (FunctionModules.Property property : FunctionModules.properties(mapping)) {
                Object value = environment.get(property.environmentVariable());
                if (property.required() && (value == null || mayBeAbsent(value))) {
                    missing.add(property.environmentVariable() + " (" + property.declaredBy() + ")");
                }
            }
        }
        assertThat(missing).as("required settings of %s", module).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyVariableSet_isReadByAConfigMapping(String function) {
        String module = template.module(function);
        List<Class<?>> mappings = FunctionModules.configMappings(module);
        Set<String> read = new LinkedHashSet<>();
        mappings.forEach(m -> FunctionModules.properties(m).forEach(p -> read.add(p.environmentVariable())));
        Set<String> set = new LinkedHashSet<>(template.environment(function).keySet());
        set.removeAll(RUNTIME_VARIABLES);
        if (!set.isEmpty()) {
            assertThat(mappings).as("%s sets variables, so %s must read them through a @ConfigMapping", function, module)
                    .isNotEmpty();
        }
        assertThat(read).as("variables read by %s", mappings).containsAll(set);
    }

    @Test
    void configMappings_areFoundInEveryModuleThatHasThem() {
        // The reflective checks above are only as good as this discovery.
        assertThat(FunctionModules.configMappings("pre-sign-up")).extracting(Class::getSimpleName).contains("PreSignUpConfig");
        assertThat(FunctionModules.properties(FunctionModules.configMappings("pre-sign-up").getFirst()))
                .extracting(FunctionModules.Property::environmentVariable)
                .containsExactly("CLICKTOCALL_ALLOWED_EMAIL_DOMAIN");
    }

    @Test
    void everyDocumentedVariable_isUsedBySomeFunctionInTheTemplate() {
        Set<String> setAnywhere = new LinkedHashSet<>();
        functions().forEach(f -> setAnywhere.addAll(template.environment(f).keySet()));
        Set<String> documented = new LinkedHashSet<>(documented().keySet());
        documented.removeAll(NOT_FOR_THE_CLOUD);
        assertThat(setAnywhere).containsAll(documented);
    }

    /** A value wrapped in {@code Fn::If} with an {@code AWS::NoValue} branch may leave the variable unset. */
    private static boolean mayBeAbsent(Object value) {
        List<Boolean> noValue = new ArrayList<>();
        SamTemplate.walk(value, (node, path) -> {
            if ("AWS::NoValue".equals(SamTemplate.map(node).get("Ref"))) {
                noValue.add(true);
            }
        });
        return !noValue.isEmpty();
    }

    private static Set<String> documentedFor(String module) {
        Set<String> variables = new LinkedHashSet<>();
        documented().forEach((variable, users) -> {
            if (users.contains(module)) {
                variables.add(variable);
            }
        });
        return variables;
    }

    /** The functions table of docs/CONFIGURATION.md: variable → the modules it lists under "used by". */
    static Map<String, List<String>> documented() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (String line : SamTemplate.read("docs/CONFIGURATION.md").lines().toList()) {
            if (line.startsWith("| `CLICKTOCALL_")) {
                String[] cells = line.split("\\|");
                String variable = cells[1].strip().replace("`", "");
                List<String> users = Arrays.stream(cells[2].split(",")).map(String::strip).toList();
                table.put(variable, users);
            }
        }
        assertThat(table).as("variables found in docs/CONFIGURATION.md").isNotEmpty();
        return table;
    }
}
