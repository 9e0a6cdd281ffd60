package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented {@code sam local invoke} commands work as written: each names a function of the
 * template and an event file that exists, and passes {@value #ENV_FILE}, which gives every variable
 * that only CloudFormation can compute (so {@code sam local} leaves it unset and the function's
 * start-up check stops it).
 */
class SamLocalInvokeTest {

    static final String ENV_FILE = "events/sam-local-env.json";

    /** {@code sam local invoke Function ...} up to the end of the line or of the inline code span. */
    private static final Pattern COMMAND = Pattern.compile("sam local invoke +([^\\s`-][^\\s`]*)([^`\\n]*)");
    private static final Pattern EVENT = Pattern.compile("(?:-e|--event) +(\\S+)");
    private static final Pattern ENV_VARS = Pattern.compile("(?:-n|--env-vars) +(\\S+)");
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private final SamTemplate template = SamTemplate.load();

    record Command(String file, String function, String arguments) {
        @Override
        public String toString() {
            return file + ": sam local invoke " + function + arguments;
        }
    }

    static List<Command> documentedCommands() {
        List<Command> commands = new ArrayList<>();
        for (Path file : documents()) {
            String relative = SamTemplate.ROOT.relativize(file).toString();
            Matcher m = COMMAND.matcher(SamTemplate.read(relative));
            while (m.find()) {
                commands.add(new Command(relative, m.group(1), m.group(2)));
            }
        }
        return commands;
    }

    /** README.md, docs/*.md and every module's README.md. */
    private static List<Path> documents() {
        try (Stream<Path> docs = Files.list(SamTemplate.ROOT.resolve("docs"));
                Stream<Path> modules = Files.list(SamTemplate.ROOT)) {
            List<Path> files = new ArrayList<>();
            files.add(SamTemplate.ROOT.resolve("README.md"));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            modules.filter(Files::isDirectory).map(dir -> dir.resolve("README.md")).filter(Files::isRegularFile).sorted()
                    .forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDocsShowSamLocalInvoke() {
        assertThat(documentedCommands()).extracting(Command::file).contains("README.md");
    }

    @ParameterizedTest
    @MethodSource("documentedCommands")
    void everyDocumentedCommand_namesATemplateFunction_anExistingEvent_andTheEnvironmentFile(Command command) {
        assertThat(template.functions()).as(command.toString()).contains(command.function());
        Matcher event = EVENT.matcher(command.arguments());
        assertThat(event.find()).as("%s passes an event with -e", command).isTrue();
        assertThat(SamTemplate.ROOT.resolve(event.group(1))).as(command.toString()).isRegularFile();
        Matcher envVars = ENV_VARS.matcher(command.arguments());
        assertThat(envVars.find() ? envVars.group(1) : "(none)").as("%s passes --env-vars", command).isEqualTo(ENV_FILE);
    }

    @Test
    void theEnvironmentFile_givesEveryVariableSamLocalCannotResolve() throws IOException {
        JsonNode file = new ObjectMapper().readTree(SamTemplate.ROOT.resolve(ENV_FILE).toFile());
        Map<String, List<String>> missing = new TreeMap<>();
        for (String function : template.functions()) {
            template.environment(function).forEach((variable, value) -> {
                if (!resolvable(value) && !file.path(function).path(variable).isTextual()) {
                    missing.computeIfAbsent(function, f -> new ArrayList<>()).add(variable);
                }
            });
        }
        assertThat(missing).as("variables set through an intrinsic sam local cannot resolve, absent from " + ENV_FILE).isEmpty();
    }

    @Test
    void theEnvironmentFile_namesOnlyTemplateFunctionsAndTheirVariables() throws IOException {
        JsonNode file = new ObjectMapper().readTree(SamTemplate.ROOT.resolve(ENV_FILE).toFile());
        file.fieldNames().forEachRemaining(function -> {
            if (function.equals("Parameters")) {
                return;
            }
            assertThat(template.functions()).as(ENV_FILE).contains(function);
            file.path(function).fieldNames().forEachRemaining(variable ->
                    assertThat(template.environment(function)).as("%s: %s", ENV_FILE, function).containsKey(variable));
        });
    }

    /**
     * Whether {@code sam local} can compute the value without a deployed stack: a literal, a
     * {@code Ref} to a parameter or pseudo-parameter, or an {@code Fn::If} choosing between such values.
     * Anything else ({@code GetAtt}, {@code Sub} over a resource, a {@code Ref} to a resource) is
     * left unresolved.
     */
    boolean resolvable(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            return true;
        }
        Map<String, Object> function = SamTemplate.map(value);
        if (function.size() != 1) {
            return false;
        }
        Map.Entry<String, Object> entry = function.entrySet().iterator().next();
        return switch (entry.getKey()) {
            case "Ref" -> entry.getValue() instanceof String name
                    && (PSEUDO_PARAMETERS.contains(name) || template.section("Parameters").containsKey(name));
            case "Fn::If" -> {
                List<Object> args = SamTemplate.list(entry.getValue());
                yield args.size() == 3 && resolvable(args.get(1)) && resolvable(args.get(2));
            }
            default -> false;
        };
    }
}
