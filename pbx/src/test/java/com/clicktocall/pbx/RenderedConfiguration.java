package com.clicktocall.pbx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration rendered once, for all the tests that read it, from the stack values of
 * {@link BootstrapSandbox#deploymentValues()} plus any overrides.
 */
final class RenderedConfiguration {

    private final Path dir;

    private RenderedConfiguration(Path dir) {
        this.dir = dir;
    }

    /** Renders under {@code root}, a directory the test owns (and removes). */
    static RenderedConfiguration render(Path root, Map<String, String> overrides) {
        try {
            Files.createDirectories(root);
            BootstrapSandbox sandbox = new BootstrapSandbox(root.resolve("sandbox")).withStoredSecret(BootstrapSandbox.SECRET);
            Map<String, String> values = BootstrapSandbox.deploymentValues();
            values.putAll(overrides);
            Path out = root.resolve("out");
            sandbox.renderOnly(out, values).assertSucceeded();
            return new RenderedConfiguration(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderedConfiguration render(Path root) {
        return render(root, Map.of());
    }

    AsteriskConfigFile file(String name) {
        return AsteriskConfigFile.read(dir.resolve(name));
    }

    AsteriskConfigFile pjsip() {
        return file("pjsip.conf");
    }

    DialPlan dialPlan() {
        return DialPlan.of(file("extensions.conf"));
    }
}
