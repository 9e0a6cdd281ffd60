package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The resources around the functions: SIP media application, sign-in, site, PBX network, outputs, samconfig. */
class DeploymentResourcesTest {

    /**
     * Voice Connector signaling and media ranges (us-east-1, us-west-2) from
     * https://docs.aws.amazon.com/chime-sdk/latest/ag/network-config.html#cvc
     */
    private static final Set<String> VOICE_CONNECTOR_RANGES = Set.of("3.80.16.0/23", "99.77.253.0/24",
            "52.55.62.128/25", "52.55.63.0/25", "34.212.95.128/25", "34.223.21.0/25");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void sipMediaApplication_invokesThePublishedSmaHandler_andChimeMayInvokeIt() {
        Map<String, Object> sma = template.properties("SipMediaApplication");
        assertThat(template.type("SipMediaApplication")).isEqualTo("AWS::Chime::SipMediaApplication");
        assertThat(SamTemplate.list(sma.get("Endpoints"))).containsExactly(Map.of("LambdaArn", Map.of("Ref", "SmaHandlerFunction.Alias")));
        assertThat(sma).containsKeys("Name", "AwsRegion");

        Map<String, Object> permission = template.properties("SmaHandlerInvokePermission");
        assertThat(permission).containsEntry("Principal", "voiceconnector.chime.amazonaws.com")
                .containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("FunctionName", Map.of("Ref", "SmaHandlerFunction.Alias"));
        assertThat(template.resource("SipMediaApplication").get("DependsOn")).isEqualTo("SmaHandlerInvokePermission");
    }

    @Test
    void smaInvokePermission_admitsOnlyThisAccountsSipMediaApplicationsInTheStacksRegion() {
        Map<String, Object> permission = template.properties("SmaHandlerInvokePermission");
        assertThat(permission).containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
        assertThat(permission.get("SourceArn"))
                .isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:voiceconnector:${AWS::Region}:${AWS::AccountId}:sma/*"));
    }

    @Test
    void pstnCalls_andTheSipMediaApplication_shareTheStacksRegion() {
        assertThat(template.section("Parameters")).doesNotContainKey("PstnControlRegion");
        assertThat(template.properties("SipMediaApplication")).containsEntry("AwsRegion", Map.of("Ref", "AWS::Region"));
        assertThat(template.properties("SmaPhoneNumberResource")).containsEntry("AwsRegion", Map.of("Ref", "AWS::Region"));
        for (String function : List.of("CallControlFunction", "UpdateCallFunction")) {
            Map<String, Object> variables = SamTemplate.map(SamTemplate.map(template.properties(function).get("Environment")).get("Variables"));
            assertThat(variables).as(function).containsEntry("CLICKTOCALL_PSTN_CONTROL_REGION", Map.of("Ref", "AWS::Region"));
        }
    }

    @Test
    void numbers_comeFromTheProvisioningFunction_orFromTheUser() {
        for (String number : List.of("SmaPhoneNumberResource", "PbxPhoneNumberResource")) {
            Map<String, Object> properties = template.properties(number);
            assertThat(template.type(number)).isEqualTo("Custom::PhoneNumber");
            assertThat(properties.get("ServiceToken")).isEqualTo(Map.of("Fn::GetAtt", List.of("ProvisioningFunction", "Arn")));
            assertThat(properties).containsKeys("AwsRegion", "ProductType", "ExistingPhoneNumber");
        }
        assertThat(template.properties("SmaPhoneNumberResource")).containsEntry("ProductType", "SipMediaApplicationDialIn");
        assertThat(template.properties("PbxPhoneNumberResource")).containsEntry("ProductType", "VoiceConnector");
        assertThat(template.properties("SmaSipRule").get("SipMediaApplicationId"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("SipMediaApplication", "SipMediaApplicationId")));
    }

    @Test
    void customResources_areTypesTheProvisioningFunctionHandles_andCannotHang() throws Exception {
        Set<String> handled = new java.util.TreeSet<>();
        Class<?> customResource = Class.forName("com.clicktocall.provisioning.CustomResource");
        for (Class<?> type : FunctionModules.classes("provisioning")) {
            if (customResource.isAssignableFrom(type) && !type.isInterface()) {
                handled.add(String.valueOf(type.getField("TYPE").get(null)));
            }
        }
        assertThat(handled).hasSize(5);
        int functionTimeout = ((Number) template.properties("ProvisioningFunction").get("Timeout")).intValue();
        List<String> custom = template.resources().keySet().stream().filter(id -> template.type(id).startsWith("Custom::")).toList();
        assertThat(custom).isNotEmpty();
        for (String id : custom) {
            assertThat(handled).as("type of %s", id).contains(template.type(id));
            Map<String, Object> properties = template.properties(id);
            assertThat(properties.get("ServiceToken")).isEqualTo(Map.of("Fn::GetAtt", List.of("ProvisioningFunction", "Arn")));
            assertThat(((Number) properties.get("ServiceTimeout")).intValue()).as("ServiceTimeout of %s", id)
                    .isGreaterThan(functionTimeout).isLessThanOrEqualTo(3600);
        }
    }

    @Test
    void userPool_signsInByEmail_verifiesIt_andGuardsTheDomain() {
        Map<String, Object> pool = template.properties("UserPool");
        assertThat(pool.get("UsernameAttributes")).isEqualTo(List.of("email"));
        assertThat(pool.get("AutoVerifiedAttributes")).isEqualTo(List.of("email"));
        assertThat(SamTemplate.map(pool.get("UserAttributeUpdateSettings")))
                .as("a changed address takes effect only once verified")
                .containsEntry("AttributesRequireVerificationBeforeUpdate", List.of("email"));
        assertThat(SamTemplate.map(pool.get("AccountRecoverySetting")).get("RecoveryMechanisms"))
                .isEqualTo(List.of(Map.of("Name", "verified_email", "Priority", 1)));
        Map<String, Object> trigger = SamTemplate.map(SamTemplate.map(template.properties("PreSignUpFunction").get("Events")).get("SignUp"));
        assertThat(trigger.get("Type")).isEqualTo("Cognito");
        assertThat(SamTemplate.map(trigger.get("Properties")))
                .containsEntry("Trigger", "PreSignUp").containsEntry("UserPool", Map.of("Ref", "UserPool"));
        assertThat(template.properties("UserPoolClient")).containsEntry("GenerateSecret", false);
    }

    @Test
    void selfSignUp_onlyWithAnAllowedDomainOrAnExplicitOpenSignUp() {
        Map<String, Object> openSignUp = SamTemplate.map(template.section("Parameters").get("AllowOpenSignUp"));
        assertThat(openSignUp).containsEntry("Default", "false");
        assertThat(SamTemplate.list(openSignUp.get("AllowedValues"))).containsExactlyInAnyOrder("true", "false");
        assertThat(SamTemplate.map(template.section("Parameters").get("AllowedDomain"))).containsEntry("Default", "");

        assertThat(template.section("Conditions").get("SelfSignUp")).isEqualTo(Map.of("Fn::Or", List.of(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowedDomain"), "")))),
                Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowOpenSignUp"), "true")))));
        assertThat(SamTemplate.map(template.properties("UserPool").get("AdminCreateUserConfig")))
                .containsEntry("AllowAdminCreateUserOnly", Map.of("Fn::If", List.of("SelfSignUp", false, true)));
        assertThat(SamTemplate.map(template.section("Outputs").get("SelfSignUp")).get("Value"))
                .isEqualTo(Map.of("Fn::If", List.of("SelfSignUp", "true", "false")));
    }

    @Test
    void allowedDomain_isEnforcedAtSignUpAndAtDial() {
        for (String function : List.of("PreSignUpFunction", "CallControlFunction")) {
            Map<String, Object> variables = SamTemplate.map(SamTemplate.map(template.properties(function).get("Environment")).get("Variables"));
            assertThat(variables).as(function).containsEntry("CLICKTOCALL_ALLOWED_EMAIL_DOMAIN", Map.of("Ref", "AllowedDomain"));
        }
    }

    @Test
    void site_isAPrivateBucketReadOnlyByItsCloudFrontDistribution() {
        Map<String, Object> block = SamTemplate.map(template.properties("SiteBucket").get("PublicAccessBlockConfiguration"));
        assertThat(block.values()).hasSize(4).allMatch(Boolean.TRUE::equals);
        List<Object> statements = SamTemplate.list(SamTemplate.map(template.properties("SiteBucketPolicy").get("PolicyDocument")).get("Statement"));
        Map<String, Object> read = SamTemplate.map(statements.getFirst());
        assertThat(read).containsEntry("Effect", "Allow").containsEntry("Action", "s3:GetObject")
                .containsEntry("Principal", Map.of("Service", "cloudfront.amazonaws.com"));
        assertThat(read.get("Condition").toString()).contains("AWS:SourceArn", "SiteDistribution");
        Map<String, Object> config = SamTemplate.map(template.properties("SiteDistribution").get("DistributionConfig"));
        Map<String, Object> origin = SamTemplate.map(SamTemplate.list(config.get("Origins")).getFirst());
        assertThat(origin.get("OriginAccessControlId")).isEqualTo(Map.of("Fn::GetAtt", List.of("SiteOriginAccessControl", "Id")));
        assertThat(SamTemplate.map(config.get("DefaultCacheBehavior"))).containsEntry("ViewerProtocolPolicy", "redirect-to-https");
        assertThat(template.properties("SiteBucketContents").get("BucketName")).isEqualTo(Map.of("Ref", "SiteBucket"));
    }

    @Test
    void pbxSecurityGroup_admitsSipAndRtpOnlyFromTheVoiceConnector_andTheSoftphonesMediaOnlyFromItsCidr() {
        List<Object> rules = SamTemplate.list(template.properties("PbxSecurityGroup").get("SecurityGroupIngress"));
        List<String> problems = new ArrayList<>();
        int softphoneRules = 0;
        for (Object rule : rules) {
            Map<String, Object> r = SamTemplate.map(rule);
            if (r.containsKey("Fn::If")) {
                List<Object> branches = SamTemplate.list(r.get("Fn::If"));
                assertThat(branches.get(0)).isEqualTo("AdmitSoftphone");
                assertThat(branches.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
                Map<String, Object> softphone = SamTemplate.map(branches.get(1));
                assertThat(softphone.get("CidrIp")).isEqualTo(Map.of("Ref", "SoftphoneCidr"));
                // Media only: the WebSocket comes through CloudFront (SoftphoneDeploymentTest).
                assertThat(softphone).containsEntry("IpProtocol", "udp").containsEntry("FromPort", 10000)
                        .containsEntry("ToPort", 20000);
                softphoneRules++;
                continue;
            }
            if (!VOICE_CONNECTOR_RANGES.contains(String.valueOf(r.get("CidrIp")))) {
                problems.add(r.toString());
            }
            if (((Number) r.get("FromPort")).intValue() <= 22 && ((Number) r.get("ToPort")).intValue() >= 22) {
                problems.add("SSH: " + r);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(softphoneRules).isEqualTo(1);
        Set<Object> covered = new java.util.HashSet<>();
        rules.forEach(r -> covered.add(SamTemplate.map(r).get("CidrIp")));
        assertThat(covered).containsAll(VOICE_CONNECTOR_RANGES);
    }

    @Test
    void pbxInstance_isReachedThroughSsm_andBootstrapsFromPbxBootstrapSh() {
        Map<String, Object> instance = template.properties("PbxInstance");
        String userData = String.valueOf(SamTemplate.map(SamTemplate.map(instance.get("UserData")).get("Fn::Base64")).get("Fn::Sub"));
        assertThat(userData).contains("s3://${SiteBucket}/pbx/", "bash /opt/clicktocall/pbx/bootstrap.sh",
                "PUBLIC_IP=${PbxAddress}", "VOICE_CONNECTOR_HOST=${VoiceConnectorRouting.OutboundHostName}",
                "PHONE_NUMBER=${VoiceConnectorRouting.PhoneNumber}");
        assertThat(SamTemplate.ROOT.resolve("pbx/bootstrap.sh")).exists();
        assertThat(SamTemplate.map(instance.get("MetadataOptions"))).containsEntry("HttpTokens", "required");
        assertThat(template.properties("PbxRole").get("ManagedPolicyArns").toString()).contains("AmazonSSMManagedInstanceCore");
        Map<String, Object> routing = template.properties("VoiceConnectorRouting");
        assertThat(routing.get("PbxAddress")).isEqualTo(Map.of("Ref", "PbxAddress"));
        assertThat(routing.get("VoiceConnectorId")).isEqualTo(Map.of("Fn::GetAtt", List.of("VoiceConnector", "VoiceConnectorId")));
    }

    @Test
    void outputs_nameEverythingAUserNeedsNext() {
        assertThat(template.section("Outputs")).containsKeys("ApiUrl", "SiteUrl", "UserPoolId", "UserPoolClientId",
                "SipMediaApplicationId", "SmaPhoneNumber", "PbxPhoneNumber", "PbxInstanceId", "PbxSessionCommand",
                "SiteBucketName", "SiteDistributionId", "Region", "SoftphoneWebSocketUrl", "SoftphoneAgentName",
                "SoftphoneSecretParameter", "CallerJoinTimeoutSeconds", "OperationsDashboardUrl");
        for (String pbxOutput : List.of("PbxPhoneNumber", "PbxInstanceId", "PbxSessionCommand", "SoftphoneWebSocketUrl",
                "SoftphoneAgentName", "SoftphoneSecretParameter")) {
            assertThat(SamTemplate.map(template.section("Outputs").get(pbxOutput))).containsEntry("Condition", "BuildPbx");
        }
    }

    @Test
    void samconfigOverrides_nameTemplateParametersWithAllowedValues() {
        String samconfig = SamTemplate.read("samconfig.toml");
        Matcher overrides = Pattern.compile("parameter_overrides = \"([^\"]*)\"").matcher(samconfig);
        Map<String, String> values = new LinkedHashMap<>();
        while (overrides.find()) {
            for (String pair : overrides.group(1).split(" ")) {
                values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        assertThat(values).containsKeys("FunctionPackaging", "BuildAsterisk", "DialAllowedRegions");
        values.forEach((name, value) -> {
            Map<String, Object> parameter = SamTemplate.map(template.section("Parameters").get(name));
            assertThat(parameter).as("parameter %s", name).isNotEmpty();
            if (parameter.containsKey("AllowedValues")) {
                assertThat(SamTemplate.list(parameter.get("AllowedValues")).stream().map(String::valueOf))
                        .as("allowed values of %s", name).contains(value);
            }
        });
    }

    @Test
    void theRetiredPrefixAllowList_isGoneFromTemplateAndSamconfig() {
        assertThat(template.section("Parameters")).doesNotContainKey("DialAllowList");
        assertThat(SamTemplate.read("template.yaml")).doesNotContain("CLICKTOCALL_DIAL_ALLOW_LIST");
        assertThat(SamTemplate.read("samconfig.toml")).doesNotContain("DialAllowList");
    }

    @Test
    void callControlAndSmaHandler_getTheSameDialPolicy() {
        Map<String, Object> callControl = environment("CallControlFunction");
        Map<String, Object> smaHandler = environment("SmaHandlerFunction");
        for (String variable : List.of("CLICKTOCALL_DIAL_ALLOWED_REGIONS", "CLICKTOCALL_DIAL_BLOCK_LIST")) {
            assertThat(smaHandler).as(variable).containsKey(variable);
            assertThat(smaHandler.get(variable)).as(variable).isEqualTo(callControl.get(variable));
        }
    }

    @Test
    void originalEnvOptions_areParameters() {
        assertThat(template.section("Parameters")).containsKeys("BuildAsterisk", "SoftphoneCidr", "AllowedDomain",
                "DialAllowedRegions");
    }

    private Map<String, Object> environment(String function) {
        return SamTemplate.map(SamTemplate.map(template.properties(function).get("Environment")).get("Variables"));
    }
}
