package com.clicktocall.localstack.sma;

import static org.assertj.core.api.Assertions.assertThat;

import com.clicktocall.localstack.http.Exchange;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmaResponseCheckTest {

    @Test
    void validResponse_givesItsActionsAndAttributes() throws Exception {
        SmaResponseCheck.Checked checked = SmaResponseCheck.check(json(
                "{'SchemaVersion':'1.0','Actions':[{'Type':'Hangup','Parameters':{}}],'TransactionAttributes':{'k':'v'}}"));

        assertThat(checked).isInstanceOfSatisfying(SmaResponseCheck.Valid.class, valid -> {
            assertThat(valid.actions()).hasValueSatisfying(actions -> assertThat(actions).extracting(a -> a.path("Type").asText())
                    .containsExactly("Hangup"));
            assertThat(valid.attributes()).contains(Map.of("k", "v"));
        });
    }

    @Test
    void responseWithoutActionsOrAttributes_leavesThemAsTheyAre() throws Exception {
        SmaResponseCheck.Checked checked = SmaResponseCheck.check(json("{'SchemaVersion':'1.0'}"));

        assertThat(checked).isEqualTo(new SmaResponseCheck.Valid(Optional.empty(), Optional.empty()));
    }

    @Test
    void invalidResponses_areNamedAsTheServiceNamesThem() throws Exception {
        assertThat(errorType("[]")).isEqualTo("InvalidResponse");
        assertThat(errorType("{'SchemaVersion':'2.0'}")).isEqualTo("InvalidResponse");
        assertThat(errorType("{'Actions':[{'Type':'Teleport'}]}")).isEqualTo("InvalidActionType");
        assertThat(errorType("{'Actions':[" + "{'Type':'Hangup'},".repeat(10) + "{'Type':'Hangup'}]}")).isEqualTo("TooManyActions");
        assertThat(errorType("{'TransactionAttributes':{'k':1}}")).isEqualTo("TransactionAttributesInvalidMapSize");
        assertThat(errorType("{'TransactionAttributes':{'k':'" + "x".repeat(20 * 1024) + "'}}"))
                .isEqualTo("TransactionAttributesInvalidMapSize");
    }

    private static String errorType(String response) throws Exception {
        return ((SmaResponseCheck.Invalid) SmaResponseCheck.check(json(response))).errorType();
    }

    private static JsonNode json(String singleQuoted) throws Exception {
        return Exchange.JSON.readTree(singleQuoted.replace('\'', '"'));
    }
}
