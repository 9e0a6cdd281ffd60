package com.clicktocall.localstack.sip;

import java.util.LinkedHashMap;
import java.util.Map;

/** The embedded agent's behaviour per dialled number, as {@code --agent-behaviours} gives it. */
public final class AgentBehaviours {

    private AgentBehaviours() {
    }

    /**
     * Reads {@code number=behaviour} pairs separated by commas, e.g.
     * {@code +15550100486=busy, +15550100000=never-answer}; blank means none.
     *
     * @throws IllegalArgumentException naming the pair that is not {@code number=behaviour}
     */
    public static Map<String, AgentBehaviour> parse(String text) {
        Map<String, AgentBehaviour> behaviours = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return behaviours;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not number=behaviour");
            }
            behaviours.put(pair.substring(0, equals).strip(), AgentBehaviour.parse(pair.substring(equals + 1)));
        }
        return behaviours;
    }
}
