package com.clicktocall.localstack.userpool;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest confirmation code sent to each address, so that a browser test can confirm a sign-up. */
public final class Mailbox {

    /** One delivered code. */
    public record Message(String email, String code, Instant receivedAt) {
    }

    private final Map<String, Message> latest = new ConcurrentHashMap<>();

    public void deliver(String email, String code) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        latest.put(key, new Message(email.strip(), code, Instant.now()));
    }

    public Optional<Message> latest(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(latest.get(email.strip().toLowerCase(Locale.ROOT)));
    }
}
