package com.clicktocall.localstack.events;

import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern, as far as the local stack applies it: each field of the pattern names the event's field, a list
 * of values matches when the event's value equals one of them, a nested object matches the nested field. Content filters (an
 * object inside the list, such as {@code {"prefix": ...}} or {@code {"anything-but": ...}}) are not applied: they match.
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html">Event patterns</a>
 */
public final class EventPattern {

    private EventPattern() {
    }

    /** Whether {@code event} (a JSON object read into maps and lists) matches {@code pattern}; an empty pattern matches nothing. */
    public static boolean matches(Map<String, Object> pattern, Map<String, Object> event) {
        return !pattern.isEmpty() && fieldsMatch(pattern, event);
    }

    @SuppressWarnings("unchecked")
    private static boolean fieldsMatch(Map<String, Object> pattern, Map<String, Object> event) {
        for (Map.Entry<String, Object> field : pattern.entrySet()) {
            Object value = event.get(field.getKey());
            Object wanted = field.getValue();
            if (wanted instanceof Map<?, ?> nested) {
                if (!(value instanceof Map<?, ?> nestedEvent) || !fieldsMatch((Map<String, Object>) nested, (Map<String, Object>) nestedEvent)) {
                    return false;
                }
            } else if (wanted instanceof List<?> values) {
                if (!anyMatches(values, value)) {
                    return false;
                }
            } else if (!String.valueOf(wanted).equals(String.valueOf(value))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(List<?> values, Object value) {
        for (Object candidate : values) {
            if (candidate instanceof Map<?, ?>) {
                return true; // a content filter: not applied here
            }
            if (value instanceof List<?> list ? list.stream().anyMatch(v -> same(candidate, v)) : same(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Object candidate, Object value) {
        return value != null && String.valueOf(candidate).equals(String.valueOf(value));
    }
}
