package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** template.yaml parses, and everything it refers to exists (parameters, resources, attributes, conditions). */
class TemplateReferencesTest {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    /**
     * Attributes each resource type returns for {@code !GetAtt}. The custom resource types list the
     * {@code Data} keys the provisioning function answers with.
     */
    private static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("AWS::Chime::SipMediaApplication", Set.of("SipMediaApplicationId", "SipMediaApplicationArn")),
            Map.entry("AWS::Chime::VoiceConnector", Set.of("VoiceConnectorId", "VoiceConnectorArn")),
            Map.entry("Custom::PhoneNumber", Set.of("PhoneNumber")),
            Map.entry("Custom::SipRule", Set.of("SipRuleId")),
            Map.entry("Custom::VoiceConnectorRouting", Set.of("OutboundHostName", "PhoneNumber")),
            Map.entry("Custom::SiteBucketContents", Set.of()),
            Map.entry("AWS::Serverless::Function", Set.of("Arn")),
            Map.entry("AWS::Cognito::UserPool", Set.of("Arn", "ProviderName", "ProviderURL", "UserPoolId")),
            Map.entry("AWS::S3::Bucket", Set.of("Arn", "DomainName", "RegionalDomainName")),
            Map.entry("AWS::CloudFront::Distribution", Set.of("DomainName", "Id")),
            Map.entry("AWS::CloudFront::OriginAccessControl", Set.of("Id")),
            Map.entry("AWS::EC2::EIP", Set.of("AllocationId", "PublicIp")));

    private final SamTemplate template = SamTemplate.load();

    @Test
    void template_isASamTemplateWithResourcesAndOutputs() {
        assertThat(template.document).containsEntry("Transform", "AWS::Serverless-2016-10-31");
        assertThat(template.resources()).isNotEmpty();
        assertThat(template.section("Outputs")).isNotEmpty();
    }

    @Test
    void everyRefAndSubVariable_namesAParameterResourceOrPseudoParameter() {
        List<String> unresolved = new ArrayList<>();
        SamTemplate.walk(template.document, (node, path) -> {
            Map<String, Object> map = SamTemplate.map(node);
            if (map.get("Ref") instanceof String target && !refResolves(target, Set.of())) {
                unresolved.add(path + ": Ref " + target);
            }
            if (map.containsKey("Fn::Sub")) {
                subVariables(map.get("Fn::Sub")).forEach(variable -> {
                    if (!subVariableResolves(variable, subLocals(map.get("Fn::Sub")))) {
                        unresolved.add(path + ": ${" + variable + "}");
                    }
                });
            }
        });
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everyGetAtt_namesAResourceAndAnAttributeItHas() {
        List<String> unresolved = new ArrayList<>();
        SamTemplate.walk(template.document, (node, path) -> {
            Map<String, Object> map = SamTemplate.map(node);
            if (map.containsKey("Fn::GetAtt")) {
                List<Object> target = SamTemplate.list(map.get("Fn::GetAtt"));
                String problem = getAttProblem(String.valueOf(target.get(0)), String.valueOf(target.get(1)));
                if (problem != null) {
                    unresolved.add(path + ": " + problem);
                }
            }
            if (map.containsKey("Fn::Sub")) {
                subVariables(map.get("Fn::Sub")).stream().filter(v -> v.contains(".") && !v.startsWith("AWS::"))
                        .forEach(v -> {
                            String problem = getAttProblem(v.substring(0, v.indexOf('.')), v.substring(v.indexOf('.') + 1));
                            if (problem != null && !refResolves(v, Set.of())) {
                                unresolved.add(path + ": ${" + v + "} " + problem);
                            }
                        });
            }
        });
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everyConditionUsed_isDefined() {
        Set<String> defined = template.section("Conditions").keySet();
        List<String> undefined = new ArrayList<>();
        SamTemplate.walk(template.document, (node, path) -> {
            Map<String, Object> map = SamTemplate.map(node);
            if (map.get("Condition") instanceof String condition && !defined.contains(condition)) {
                undefined.add(path + ": " + condition);
            }
            if (map.containsKey("Fn::If")) {
                String condition = String.valueOf(SamTemplate.list(map.get("Fn::If")).getFirst());
                if (!defined.contains(condition)) {
                    undefined.add(path + ": Fn::If " + condition);
                }
            }
        });
        assertThat(undefined).isEmpty();
    }

    @Test
    void resourcesThatMayNotExist_areOnlyUsedWhereTheirConditionHolds() {
        List<String> problems = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            Set<String> established = conditionOf(resource);
            checkConditional(resource, established, "Resources." + id, problems);
            for (Object dependency : dependsOn(resource)) {
                String needed = conditionOfResource(String.valueOf(dependency));
                if (needed != null && !established.contains(needed)) {
                    problems.add("Resources." + id + " DependsOn " + dependency + " (exists only if " + needed + ")");
                }
            }
        });
        template.section("Outputs").forEach((id, output) ->
                checkConditional(output, conditionOf(output), "Outputs." + id, problems));
        checkConditional(template.section("Globals"), Set.of(), "Globals", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameter_isUsed() {
        Set<String> used = new HashSet<>();
        SamTemplate.walk(template.document, (node, path) -> {
            Map<String, Object> map = SamTemplate.map(node);
            if (map.get("Ref") instanceof String target) {
                used.add(target);
            }
            if (map.containsKey("Fn::Sub")) {
                used.addAll(subVariables(map.get("Fn::Sub")));
            }
        });
        assertThat(template.section("Parameters").keySet()).allSatisfy(p -> assertThat(used).contains(p));
    }

    private void checkConditional(Object node, Set<String> established, String where, List<String> problems) {
        Map<String, Object> map = SamTemplate.map(node);
        if (map.containsKey("Fn::If")) {
            List<Object> branches = SamTemplate.list(map.get("Fn::If"));
            Set<String> whenTrue = new HashSet<>(established);
            whenTrue.add(String.valueOf(branches.get(0)));
            checkConditional(branches.get(1), whenTrue, where, problems);
            checkConditional(branches.get(2), established, where, problems);
            return;
        }
        List<String> targets = new ArrayList<>();
        if (map.get("Ref") instanceof String ref) {
            targets.add(ref.split("\\.")[0]);
        }
        if (map.containsKey("Fn::GetAtt")) {
            targets.add(String.valueOf(SamTemplate.list(map.get("Fn::GetAtt")).getFirst()));
        }
        if (map.containsKey("Fn::Sub")) {
            subVariables(map.get("Fn::Sub")).forEach(v -> targets.add(v.split("\\.")[0]));
        }
        for (String target : targets) {
            String needed = conditionOfResource(target);
            if (needed != null && !established.contains(needed)) {
                problems.add(where + " uses " + target + ", which exists only if " + needed);
            }
        }
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(value -> checkConditional(value, established, where, problems));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> checkConditional(value, established, where, problems));
        }
    }

    private String conditionOfResource(String logicalId) {
        Object resource = template.resources().get(logicalId);
        return resource == null ? null : (String) SamTemplate.map(resource).get("Condition");
    }

    private static Set<String> conditionOf(Object resourceOrOutput) {
        Object condition = SamTemplate.map(resourceOrOutput).get("Condition");
        return condition instanceof String name ? Set.of(name) : Set.of();
    }

    private static List<Object> dependsOn(Object resource) {
        Object dependsOn = SamTemplate.map(resource).get("DependsOn");
        return dependsOn instanceof String one ? List.of(one) : SamTemplate.list(dependsOn);
    }

    private boolean refResolves(String target, Set<String> locals) {
        if (PSEUDO_PARAMETERS.contains(target) || locals.contains(target)
                || template.section("Parameters").containsKey(target) || template.resources().containsKey(target)) {
            return true;
        }
        // SAM: `!Ref Function.Alias` / `.Version` name what AutoPublishAlias creates.
        for (String suffix : List.of(".Alias", ".Version")) {
            if (target.endsWith(suffix)) {
                String function = target.substring(0, target.length() - suffix.length());
                return template.functions().contains(function)
                        && template.functionProperty(function, "AutoPublishAlias").isPresent();
            }
        }
        return false;
    }

    private boolean subVariableResolves(String variable, Set<String> locals) {
        if (refResolves(variable, locals)) {
            return true;
        }
        int dot = variable.indexOf('.');
        return dot > 0 && getAttProblem(variable.substring(0, dot), variable.substring(dot + 1)) == null;
    }

    private String getAttProblem(String resource, String attribute) {
        if (!template.resources().containsKey(resource)) {
            return "no resource " + resource;
        }
        Set<String> known = ATTRIBUTES.get(template.type(resource));
        if (known != null && !known.contains(attribute)) {
            return template.type(resource) + " has no attribute " + attribute + " (known: " + known + ")";
        }
        return null;
    }

    private static List<String> subVariables(Object sub) {
        String text = sub instanceof List<?> list ? String.valueOf(list.getFirst()) : String.valueOf(sub);
        List<String> variables = new ArrayList<>();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    private static Set<String> subLocals(Object sub) {
        return sub instanceof List<?> list && list.size() > 1 ? SamTemplate.map(list.get(1)).keySet() : Set.of();
    }
}
