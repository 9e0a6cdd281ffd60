package com.clicktocall.model.sma;

import java.util.Optional;

/** What a {@code POST /update} asks for; the same word travels in the update's {@code Arguments}. */
public enum UpdateKind {
    /** Send DTMF digits to the far end. */
    DIGITS("digits"),
    /** Hang up both legs. */
    END("end");

    private final String wireName;

    UpdateKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<UpdateKind> fromWire(String value) {
        for (UpdateKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
