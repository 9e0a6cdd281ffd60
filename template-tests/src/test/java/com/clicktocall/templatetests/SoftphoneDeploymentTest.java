package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agent's softphone path: wss://<site>/ws through the site's CloudFront distribution to
 * Asterisk's HTTP server, port 8088 open to CloudFront only, the agent's media from SoftphoneCidr.
 */
class SoftphoneDeploymentTest {

    /** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    /** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html */
    private static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    private static final String CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Object> distribution = SamTemplate.map(template.properties("SiteDistribution").get("DistributionConfig"));

    @Test
    void pbxOrigin_isTheElasticIpsPublicDnsName_overPlainHttpOnTheBootstrapsPort() {
        Map<String, Object> origin = onlyWithPbx(SamTemplate.list(distribution.get("Origins")));
        Map<String, Object> custom = SamTemplate.map(origin.get("CustomOriginConfig"));

        assertThat(custom).containsEntry("OriginProtocolPolicy", "http-only");
        assertThat(custom.get("HTTPPort")).isEqualTo(Integer.parseInt(bootstrapDefault("HTTP_PORT")));
        assertThat(origin).doesNotContainKeys("S3OriginConfig", "OriginAccessControlId", "OriginPath");
        assertThat(dnsName(origin, "us-east-1", "198.51.100.7")).isEqualTo("ec2-198-51-100-7.compute-1.amazonaws.com");
        assertThat(dnsName(origin, "us-west-2", "203.0.113.45")).isEqualTo("ec2-203-0-113-45.us-west-2.compute.amazonaws.com");
    }

    @Test
    void webSocketBehaviour_sendsOnlyWsToThePbx_uncached_withEveryViewerHeader() {
        Map<String, Object> origin = onlyWithPbx(SamTemplate.list(distribution.get("Origins")));
        Map<String, Object> behaviour = onlyWithPbx(SamTemplate.list(distribution.get("CacheBehaviors")));

        assertThat(behaviour).containsEntry("PathPattern", "/ws")
                .containsEntry("TargetOriginId", origin.get("Id"))
                .containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("CachePolicyId", CACHING_DISABLED)
                .containsEntry("OriginRequestPolicyId", ALL_VIEWER);
        assertThat(SamTemplate.list(behaviour.get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(SamTemplate.map(distribution.get("DefaultCacheBehavior")).get("TargetOriginId")).isNotEqualTo(origin.get("Id"));
    }

    @Test
    void webSocketPort_isOpenOnlyToCloudFrontsOriginFacingPrefixList() {
        assertThat(template.type("CloudFrontOriginFacingPrefixList")).isEqualTo("Custom::ManagedPrefixList");
        assertThat(template.properties("CloudFrontOriginFacingPrefixList")).containsEntry("PrefixListName", CLOUDFRONT_ORIGIN_FACING);
        assertThat(template.resource("CloudFrontOriginFacingPrefixList")).containsEntry("Condition", "BuildPbx");

        List<Object> rules = SamTemplate.list(template.properties("PbxWebSocketSecurityGroup").get("SecurityGroupIngress"));
        assertThat(rules).hasSize(1);
        assertThat(SamTemplate.map(rules.getFirst()))
                .containsEntry("IpProtocol", "tcp").containsEntry("FromPort", 8088).containsEntry("ToPort", 8088)
                .containsEntry("SourcePrefixListId", Map.of("Fn::GetAtt", List.of("CloudFrontOriginFacingPrefixList", "PrefixListId")))
                .doesNotContainKeys("CidrIp", "CidrIpv6");

        Map<String, Object> networkInterface = SamTemplate.map(SamTemplate.list(template.properties("PbxInstance").get("NetworkInterfaces")).getFirst());
        assertThat(SamTemplate.list(networkInterface.get("GroupSet")))
                .contains(Map.of("Ref", "PbxSecurityGroup"), Map.of("Ref", "PbxWebSocketSecurityGroup"));
    }

    @Test
    void noIngressRuleAnywhere_admitsTheWebSocketPortFromAnAddressRange() {
        List<Map<String, Object>> rangeRules = new ArrayList<>();
        SamTemplate.walk(template.resources(), (node, path) -> {
            Map<String, Object> rule = SamTemplate.map(node);
            if (rule.containsKey("FromPort") && (rule.containsKey("CidrIp") || rule.containsKey("CidrIpv6"))) {
                rangeRules.add(rule);
            }
        });
        assertThat(rangeRules).as("rules with an address range").hasSizeGreaterThan(5);
        assertThat(rangeRules).noneMatch(rule -> ((Number) rule.get("FromPort")).intValue() <= 8088
                && ((Number) rule.get("ToPort")).intValue() >= 8088 && !"udp".equals(rule.get("IpProtocol")));
    }

    @Test
    void outputs_giveTheWebSocketUrlTheAgentNameAndWhereItsSecretIs() {
        Map<String, Object> outputs = template.section("Outputs");
        Intrinsics values = new Intrinsics(Map.of("SiteDistribution.DomainName", "d111111abcdef8.cloudfront.net",
                "AgentName", "agent", "AWS::StackName", "click-to-call"), Map.of());

        assertThat(values.evaluate(SamTemplate.map(outputs.get("SoftphoneWebSocketUrl")).get("Value")))
                .isEqualTo("wss://d111111abcdef8.cloudfront.net/ws");
        assertThat(SamTemplate.map(outputs.get("SoftphoneAgentName")).get("Value")).isEqualTo(Map.of("Ref", "AgentName"));
        assertThat(values.evaluate(SamTemplate.map(outputs.get("SoftphoneSecretParameter")).get("Value")))
                .isEqualTo(userDataExport("AGENT_SECRET_PARAMETER").replace("${AWS::StackName}", "click-to-call"));
    }

    @Test
    void agentName_isTheParameterTheInstanceRunsTheBootstrapWith_andTheBootstrapAcceptsItsDefault() {
        Map<String, Object> parameter = SamTemplate.map(template.section("Parameters").get("AgentName"));

        assertThat(userDataExport("AGENT_NAME")).isEqualTo("${AgentName}");
        assertThat(parameter.get("Default")).isEqualTo(bootstrapDefault("AGENT_NAME"));
        Matcher check = Pattern.compile("check AGENT_NAME '([^']+)'").matcher(SamTemplate.read("pbx/bootstrap.sh"));
        assertThat(check.find()).isTrue();
        assertThat(parameter.get("AllowedPattern")).isEqualTo(check.group(1));
    }

    /** The list entry present only with the PBX: {@code !If [BuildPbx, entry, !Ref AWS::NoValue]}. */
    private static Map<String, Object> onlyWithPbx(List<Object> entries) {
        List<Map<String, Object>> conditional = entries.stream().map(SamTemplate::map)
                .filter(entry -> entry.containsKey("Fn::If")).toList();
        assertThat(conditional).hasSize(1);
        List<Object> branches = SamTemplate.list(conditional.getFirst().get("Fn::If"));
        assertThat(branches.get(0)).isEqualTo("BuildPbx");
        assertThat(branches.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
        return SamTemplate.map(branches.get(1));
    }

    private static String dnsName(Map<String, Object> origin, String region, String elasticIp) {
        Intrinsics values = new Intrinsics(Map.of("PbxAddress", elasticIp, "AWS::Region", region, "AWS::URLSuffix", "amazonaws.com"),
                Map.of("InUsEast1", region.equals("us-east-1")));
        return (String) values.evaluate(origin.get("DomainName"));
    }

    private String userDataExport(String name) {
        Map<String, Object> userData = SamTemplate.map(template.properties("PbxInstance").get("UserData"));
        String script = String.valueOf(SamTemplate.map(userData.get("Fn::Base64")).get("Fn::Sub"));
        Matcher export = Pattern.compile("(?m)^export " + name + "=(\\S+)$").matcher(script);
        assertThat(export.find()).as("export %s in the PBX user data", name).isTrue();
        return export.group(1);
    }

    private static String bootstrapDefault(String name) {
        Matcher fallback = Pattern.compile(name + "=\\$\\{" + name + ":-([^}]+)}").matcher(SamTemplate.read("pbx/bootstrap.sh"));
        assertThat(fallback.find()).as("default of %s in pbx/bootstrap.sh", name).isTrue();
        return fallback.group(1);
    }
}
