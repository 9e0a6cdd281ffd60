package com.clicktocall.localstack;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the tests find the build's outputs. */
public final class TestPaths {

    private TestPaths() {
    }

    /** The repository root (Maven's multi-module directory, or two levels above the test classes). */
    public static Path repoRoot() {
        String configured = System.getProperty("local-stack.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return testClasses().getParent().getParent().getParent();
    }

    /** The runtime interface client jars copied by the build. */
    public static Path runtimeInterfaceClient() {
        String configured = System.getProperty("local-stack.ric.dir");
        return configured != null ? Path.of(configured) : testClasses().getParent().resolve("lambda-runtime-interface-client");
    }

    /** The compiled test classes: a function directory for the test handlers. */
    public static Path testClasses() {
        try {
            return Path.of(TestPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path functions;

    /**
     * A function directory holding the test handlers ({@code testfunctions}), copied out of the test
     * classes so that a rebuild of the module while tests run cannot pull classes from under a function.
     */
    public static synchronized Path testFunctions() {
        if (functions == null) {
            try {
                Path copy = java.nio.file.Files.createTempDirectory("local-stack-test-functions");
                Path source = testClasses().resolve("com/clicktocall/localstack/testfunctions");
                Path target = copy.resolve("com/clicktocall/localstack/testfunctions");
                java.nio.file.Files.createDirectories(target);
                try (var classes = java.nio.file.Files.list(source)) {
                    for (Path file : classes.toList()) {
                        java.nio.file.Files.copy(file, target.resolve(file.getFileName()));
                    }
                }
                copy.toFile().deleteOnExit();
                functions = copy;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return functions;
    }

    public static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
