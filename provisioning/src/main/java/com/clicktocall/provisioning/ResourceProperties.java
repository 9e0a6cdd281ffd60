package com.clicktocall.provisioning;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Typed access to a custom resource's properties; a missing required one is a readable failure. */
public final class ResourceProperties {

    private final Map<String, Object> values;

    public ResourceProperties(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ProvisioningFailed("The property " + name + " is required."));
    }

    /** The value, stripped; absent, null or blank is empty. */
    public Optional<String> optional(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString().strip()).filter(s -> !s.isEmpty());
    }

    public String orDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** Whether any of these properties differs between the two sets. */
    public boolean differsFrom(ResourceProperties other, String... names) {
        for (String name : names) {
            if (!Objects.equals(optional(name), other.optional(name))) {
                return true;
            }
        }
        return false;
    }
}
