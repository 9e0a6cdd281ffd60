package com.clicktocall.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.model.api.ApiHeaders;
import com.clicktocall.model.api.ApiRoutes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The API's routes are ApiRoutes and the functions' JAX-RS paths; all of them need a Cognito sign-in. */
class ApiRoutesTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void templateRoutes_areExactlyApiRoutes() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        for (Field field : ApiRoutes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("/")) {
                declared.add(field.get(null).toString());
            }
        }
        assertThat(routes().keySet()).extracting(route -> route.substring(route.indexOf(' ') + 1))
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyRoute_isServedByAJaxRsResourceOfItsFunctionsModule() {
        routes().forEach((route, function) -> assertThat(FunctionModules.jaxRsRoutes(template.module(function)))
                .as("JAX-RS routes of %s", template.module(function))
                .contains(route));
    }

    @Test
    void everyRoute_requiresACognitoSignIn() {
        Map<String, Object> auth = SamTemplate.map(template.properties("ClickToCallApi").get("Auth"));
        String authorizer = String.valueOf(auth.get("DefaultAuthorizer"));
        assertThat(SamTemplate.map(SamTemplate.map(auth.get("Authorizers")).get(authorizer)).get("UserPoolArn"))
                .isEqualTo(Map.of("Fn::GetAtt", java.util.List.of("UserPool", "Arn")));
        routes().values().forEach(function -> SamTemplate.map(template.properties(function).get("Events")).values()
                .forEach(event -> assertThat(SamTemplate.map(SamTemplate.map(event).get("Properties")))
                        .as("%s event", function).doesNotContainKey("Auth")));
    }

    @Test
    void cors_admitsTheSiteOnlyAndTheApiIsThrottled() {
        Map<String, Object> api = template.properties("ClickToCallApi");
        Object origin = SamTemplate.map(api.get("Cors")).get("AllowOrigin");
        assertThat(origin).isEqualTo(Map.of("Fn::Sub", "'https://${SiteDistribution.DomainName}'"));
        Map<String, Object> throttling = SamTemplate.map(SamTemplate.list(api.get("MethodSettings")).getFirst());
        assertThat(throttling).containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit")
                .containsEntry("ResourcePath", "/*").containsEntry("HttpMethod", "*");
        // The functions answer CORS themselves with the same origin.
        for (String function : routes().values()) {
            assertThat(template.environment(function).get("CLICKTOCALL_ALLOWED_ORIGIN"))
                    .isEqualTo(Map.of("Fn::Sub", "https://${SiteDistribution.DomainName}"));
        }
    }

    @Test
    void callStatusReads_haveTheirOwnThrottle_soPollingNeverThrottlesDialling() {
        // MethodSettings name a resource with its slashes as ~1 (API Gateway's encoding).
        String resourcePath = "/" + ApiRoutes.CALL_STATUS.replace("/", "~1");
        List<Map<String, Object>> settings = SamTemplate.list(template.properties("ClickToCallApi").get("MethodSettings")).stream()
                .map(SamTemplate::map).toList();
        assertThat(settings).filteredOn(s -> resourcePath.equals(s.get("ResourcePath")))
                .singleElement().satisfies(s -> assertThat(s)
                        .containsEntry("HttpMethod", "GET")
                        .containsEntry("ThrottlingRateLimit", Map.of("Ref", "CallStatusRateLimit"))
                        .containsEntry("ThrottlingBurstLimit", Map.of("Ref", "CallStatusBurstLimit")));
        assertThat(template.section("Parameters")).containsKeys("CallStatusRateLimit", "CallStatusBurstLimit");
    }

    @Test
    void corsLists_areApiHeaders_soThePageMaySendTheIdempotencyKeyAndReadRetryAfter() {
        Map<String, Object> api = template.properties("ClickToCallApi");
        Map<String, Object> cors = SamTemplate.map(api.get("Cors"));
        assertThat(cors.get("AllowHeaders")).isEqualTo(quoted(ApiHeaders.CORS_ALLOWED_HEADERS));
        assertThat(cors.get("AllowMethods")).isEqualTo(quoted(ApiHeaders.CORS_ALLOWED_METHODS));
        // API Gateway's own refusals (401, 429) carry the same exposed headers as the functions' answers.
        Map<String, Object> responses = SamTemplate.map(api.get("GatewayResponses"));
        Map<String, Object> headers = SamTemplate.map(SamTemplate.map(SamTemplate.map(responses.get("DEFAULT_4XX"))
                .get("ResponseParameters")).get("Headers"));
        assertThat(headers.get("Access-Control-Expose-Headers")).isEqualTo(quoted(ApiHeaders.CORS_EXPOSED_HEADERS));
    }

    /** API Gateway's header values are quoted strings: {@code 'GET,POST,OPTIONS'}. */
    private static String quoted(java.util.List<String> values) {
        return "'" + String.join(",", values) + "'";
    }

    /** "POST /dial" → the function whose Api event serves it. */
    private Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (String function : template.functions()) {
            SamTemplate.map(template.properties(function).get("Events")).values().forEach(event -> {
                Map<String, Object> e = SamTemplate.map(event);
                if ("Api".equals(e.get("Type"))) {
                    Map<String, Object> p = SamTemplate.map(e.get("Properties"));
                    assertThat(p.get("RestApiId")).isEqualTo(Map.of("Ref", "ClickToCallApi"));
                    String route = String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT) + " " + p.get("Path");
                    assertThat(routes.put(route, function)).as("route %s served twice", route).isNull();
                }
            });
        }
        return routes;
    }
}
