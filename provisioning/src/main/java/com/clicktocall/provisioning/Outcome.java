package com.clicktocall.provisioning;

import java.util.Map;

/** What a create or update produced: the physical id CloudFormation keeps, and the attributes for {@code !GetAtt}. */
public record Outcome(String physicalId, Map<String, String> data) {

    public Outcome {
        data = Map.copyOf(data);
    }

    static Outcome of(String physicalId) {
        return new Outcome(physicalId, Map.of());
    }
}
