package com.clicktocall.sma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.clicktocall.model.dial.DialDecision;
import com.clicktocall.model.dial.DialPolicy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialPolicySettingsTest {

    @Test
    void unset_givesTheDefaultPolicy() {
        DialPolicy policy = SmaHandlerBeans.dialPolicy(config(null, null));

        assertThat(policy.allowedRegions()).containsExactly("CA", "US");
        assertThat(policy.blockList()).isEqualTo(DialPolicy.DEFAULT_BLOCK_LIST);
    }

    @Test
    void configuredRegionsAndBlockList_areApplied() {
        DialPolicy policy = SmaHandlerBeans.dialPolicy(config(List.of("US", "PR"), List.of("+1787555")));

        assertThat(policy.decide("+17872345678")).isInstanceOf(DialDecision.Allowed.class);
        assertThat(policy.decide("+17875551234")).isInstanceOf(DialDecision.Refused.class);
        assertThat(policy.decide("+14165550199")).isInstanceOf(DialDecision.Refused.class);
    }

    @Test
    void aRegionOutsideTheNumberingPlan_failsTheStartNamingTheVariables() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmaHandlerBeans.dialPolicy(config(List.of("GB"), null)))
                .withMessageContaining("CLICKTOCALL_DIAL_ALLOWED_REGIONS").withMessageContaining("'GB'");
    }

    private static SmaHandlerConfig config(List<String> regions, List<String> blockList) {
        return new SmaHandlerConfig() {
            @Override
            public String smaPhoneNumber() {
                return "+12065550100";
            }

            @Override
            public int callTimeoutSeconds() {
                return 30;
            }

            @Override
            public int callerJoinTimeoutSeconds() {
                return 20;
            }

            @Override
            public Optional<Integer> maxCallSeconds() {
                return Optional.empty();
            }

            @Override
            public String meetingControlRegion() {
                return "us-east-1";
            }

            @Override
            public Optional<URI> chimeEndpoint() {
                return Optional.empty();
            }

            @Override
            public String ledgerTable() {
                return "ledger";
            }

            @Override
            public String ledgerRegion() {
                return "us-east-1";
            }

            @Override
            public Optional<URI> ledgerEndpoint() {
                return Optional.empty();
            }

            @Override
            public int maxCallMinutes() {
                return 60;
            }

            @Override
            public Optional<List<String>> dialAllowedRegions() {
                return Optional.ofNullable(regions);
            }

            @Override
            public Optional<List<String>> dialBlockList() {
                return Optional.ofNullable(blockList);
            }

            @Override
            public int callRecordRetentionDays() {
                return 7;
            }
        };
    }
}
