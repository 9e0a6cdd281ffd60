package com.clicktocall.localstack.userpool;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The latest confirmation code sent to each address, so that a browser test can confirm a sign-up. */
public final class Mailbox {

    /** One delivered code. */
    public record Message(String email, String code, Instant receivedAt) {
    }

    private final Map<String, Message> latest = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<Message>> pending = email -> Optional.empty();

    /**
     * Where codes not yet confirmed can be looked up directly (the user pool's own records): the
     * emulator's console output, which the mailbox also reads, can lag behind its answers.
     */
    public void lookUpPendingCodesIn(Function<String, Optional<Message>> source) {
        this.pending = source;
    }

    public void deliver(String email, String code) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        latest.put(key, new Message(email.strip(), code, Instant.now()));
    }

    public Optional<Message> latest(String email) {
        if (email == null) {
            return Optional.empty();
        }
        Optional<Message> unconfirmed = pending.apply(email.strip());
        return unconfirmed.isPresent() ? unconfirmed : Optional.ofNullable(latest.get(email.strip().toLowerCase(Locale.ROOT)));
    }
}
