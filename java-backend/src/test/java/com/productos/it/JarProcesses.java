package com.productos.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the packaged {@code productos.jar} the way a user or the extension does. */
final class JarProcesses {
    private JarProcesses() {}

    static Path jar() {
        String configured = System.getProperty("productos.jar", "target/productos.jar");
        Path jar = Path.of(configured).toAbsolutePath();
        if (!Files.exists(jar))
            throw new IllegalStateException(jar + " is missing; integration tests run after mvn package");
        return jar;
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a CLI command to completion (bounded) and returns its exit code, stdout and stderr. */
    static Result run(Path workingDir, String... args) throws IOException, InterruptedException {
        // These tests cover the in-process path; the workspace backend has tests of its own that stop it.
        return run(workingDir, java.util.Map.of("PRODUCTOS_NO_DAEMON", "1"), args);
    }

    /** As {@link #run(Path, String...)} with {@code environment} over this process's (a null value removes one). */
    static Result run(Path workingDir, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("productos-out", ".txt");
        Path err = Files.createTempFile("productos-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args));
        environment.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        Process process = builder.directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("productos " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
