package com.clicktocall.localstack.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks a function's artifact as Lambda does and says how to start it. */
final class FunctionArtifacts {

    static final String BOOTSTRAP = "bootstrap";
    static final String RUNTIME_INTERFACE_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** Where the runtime interface client loads its native library from, when set; else it extracts it to one fixed /tmp file. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private FunctionArtifacts() {
    }

    /**
     * The client's native library, extracted once per run: left to itself, every JVM rewrites the same
     * {@code /tmp/.libaws-lambda-jni.so}, and processes starting together crash loading a half-written file.
     */
    static synchronized Optional<Path> jniLibrary(LambdaSettings settings) {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        Path target = settings.runDirectory().resolve("runtime").resolve("libaws-lambda-jni.so");
        if (Files.isRegularFile(target)) {
            return Optional.of(target);
        }
        try (var jars = Files.newDirectoryStream(settings.runtimeInterfaceClient(), "aws-lambda-java-runtime-interface-client-*.jar")) {
            for (Path jar : jars) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                    if (entry != null) {
                        Files.createDirectories(target.getParent());
                        Path partial = target.resolveSibling(target.getFileName() + ".partial");
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                        }
                        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                        return Optional.of(target);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The directory the function runs in: the artifact itself when it is a directory, else the zip
     * unpacked under {@code cache} (once per zip content; concurrent runs never share a half-written copy).
     */
    static Path unpack(Path artifact, Path cache) throws IOException {
        if (Files.isDirectory(artifact)) {
            return artifact;
        }
        if (!Files.isRegularFile(artifact)) {
            throw new IOException("no function artifact at " + artifact);
        }
        String parentName = artifact.toAbsolutePath().getParent().getParent() == null ? "function"
                : artifact.toAbsolutePath().getParent().getParent().getFileName().toString();
        Path target = cache.resolve(parentName + "-" + Files.size(artifact) + "-" + Files.getLastModifiedTime(artifact).toMillis());
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(cache);
        Path partial = Files.createTempDirectory(cache, parentName + "-partial-");
        Path root = partial.toRealPath();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(artifact))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("zip entry outside the function directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    copy(zip, file);
                }
            }
        }
        Path bootstrap = root.resolve(BOOTSTRAP);
        if (Files.isRegularFile(bootstrap)) {
            bootstrap.toFile().setExecutable(true);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            // another run unpacked the same artifact first
        }
        return target;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A native {@code bootstrap} runs directly; anything else is a JVM artifact run through the runtime interface client. */
    static List<String> launchCommand(Path code, FunctionSpec spec, LambdaSettings settings) {
        Path bootstrap = code.resolve(BOOTSTRAP);
        if (Files.isRegularFile(bootstrap) && Files.isExecutable(bootstrap)) {
            return List.of(bootstrap.toString());
        }
        List<String> command = new ArrayList<>();
        command.add(settings.javaCommand());
        command.add("-Xmx" + spec.memoryMb() + "m");
        command.addAll(settings.jvmOptions());
        jniLibrary(settings).ifPresent(library -> command.add("-D" + JNI_PROPERTY + "=" + library));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, ".", "lib/*", settings.runtimeInterfaceClient() + "/*"));
        command.add(RUNTIME_INTERFACE_CLIENT);
        command.add(spec.handler());
        return command;
    }
}
