package com.clicktocall.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 10
                MemorySize: 1024
                Environment:
                  Variables:
                    CLICKTOCALL_CHIME_ENDPOINT: !If [HasEndpoint, !Ref ChimeEndpoint, !Ref AWS::NoValue]
                    CLICKTOCALL_MEETING_CONTROL_REGION: !Ref AWS::Region
            Resources:
              CallControlFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: call-control/target/function.zip
                  Environment:
                    Variables:
                      CLICKTOCALL_SMA_ID: !GetAtt SipMediaApplication.SipMediaApplicationId
                      CLICKTOCALL_DIAL_ALLOW_LIST: "+1"
                  Events:
                    Dial:
                      Type: Api
                      Properties:
                        RestApiId: !Ref Api
                        Path: /dial
                        Method: post
              UpdateCallFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./update-call/target/function.zip
                  Timeout: 5
                  Events:
                    Update:
                      Type: Api
                      Properties:
                        Path: /calls/{transactionId}
                        Method: POST
                    Health:
                      Type: Api
                      Properties:
                        Path: /health
                        Method: get
                        Auth:
                          Authorizer: NONE
              SmaHandlerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: !Sub "${AWS::StackName}.zip"
              Bucket:
                Type: AWS::S3::Bucket
            """;

    @Test
    void functionsRoutesAndEnvironment_areReadFromTheTemplate_withCloudFormationTags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, TEMPLATE);

        SamTemplate template = SamTemplate.load(file);

        assertThat(template.fromTemplate()).isTrue();
        assertThat(template.functions()).extracting(SamTemplate.Function::name).containsExactly("call-control", "update-call", "sma-handler");
        assertThat(template.routes()).containsExactly(new ApiRoute("POST", "/dial", "call-control", true),
                new ApiRoute("POST", "/calls/{transactionId}", "update-call", true), new ApiRoute("GET", "/health", "update-call", false));
        SamTemplate.Function callControl = template.function("call-control").orElseThrow();
        assertThat(callControl.environment()).containsEntry("CLICKTOCALL_DIAL_ALLOW_LIST", "+1")
                .containsEntry("CLICKTOCALL_MEETING_CONTROL_REGION", Map.of("Ref", "AWS::Region"))
                .containsKey("CLICKTOCALL_SMA_ID").containsKey("CLICKTOCALL_CHIME_ENDPOINT");
        assertThat(callControl.timeoutSeconds()).contains(10);
        assertThat(callControl.memoryMb()).contains(1024);
        assertThat(template.function("update-call").orElseThrow().timeoutSeconds()).contains(5);
    }

    @Test
    void withoutATemplate_theRoutesComeFromApiRoutes(@TempDir Path dir) throws Exception {
        SamTemplate template = SamTemplate.load(dir.resolve("template.yaml"));

        assertThat(template.fromTemplate()).isFalse();
        assertThat(template.routes()).extracting(ApiRoute::resourcePath).containsExactly("/dial", "/update");
        assertThat(template.routes()).allMatch(ApiRoute::authorized);
    }

    @Test
    void routes_matchMethodAndPath_withPathParameters() {
        ApiRoute route = new ApiRoute("post", "/calls/{transactionId}", "update-call", true);
        ApiRoute proxy = new ApiRoute("ANY", "/files/{proxy+}", "files", false);

        assertThat(route.match("POST", "/calls/t-1")).contains(Map.of("transactionId", "t-1"));
        assertThat(route.match("GET", "/calls/t-1")).isEmpty();
        assertThat(route.match("POST", "/calls/t-1/more")).isEmpty();
        assertThat(proxy.match("DELETE", "/files/a/b.txt")).contains(Map.of("proxy", "a/b.txt"));
    }
}
