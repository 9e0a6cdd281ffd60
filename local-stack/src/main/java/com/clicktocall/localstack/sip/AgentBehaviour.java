package com.clicktocall.localstack.sip;

import java.util.Locale;

/** What the {@link EmbeddedAgent} does with an INVITE. */
public enum AgentBehaviour {
    /** 180 Ringing, then 200 OK after the configured ring delay. */
    ANSWER,
    /** 486 Busy Here at once. */
    BUSY,
    /** 180 Ringing, and nothing more until the caller cancels. */
    NEVER_ANSWER;

    /**
     * @param text {@code answer}, {@code busy} or {@code never-answer} (any case, {@code -} or {@code _})
     * @throws IllegalArgumentException for anything else
     */
    public static AgentBehaviour parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AgentBehaviour behaviour : values()) {
            if (behaviour.name().equals(name)) {
                return behaviour;
            }
        }
        throw new IllegalArgumentException("unknown agent behaviour '" + text + "' (answer, busy or never-answer)");
    }
}
