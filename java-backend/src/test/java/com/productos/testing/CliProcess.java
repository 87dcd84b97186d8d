package com.productos.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code productos} command line in a process of its own, from the test class path, with an
 * environment of the test's choosing (for example a user settings folder). Its output goes to files,
 * so a test can start several at once.
 */
public final class CliProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Starts {@code productos ARGS} with {@code environment} added to this process's environment. */
    public static CliProcess start(Path outputDir, Map<String, String> environment, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "com.productos.cli.Main"));
        command.addAll(List.of(args));
        Files.createDirectories(outputDir);
        Path out = Files.createTempFile(outputDir, "cli", ".out");
        Path err = Files.createTempFile(outputDir, "cli", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new CliProcess(builder.start(), out, err);
    }

    public static Result run(Path outputDir, Map<String, String> environment, String... args) throws Exception {
        return start(outputDir, environment, args).await(120);
    }

    public Process process() {
        return process;
    }

    public Result await(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("productos did not finish within " + timeoutSeconds + " s:\n" + output());
        }
        return output();
    }

    private Result output() throws IOException {
        int code = process.isAlive() ? -1 : process.exitValue();
        return new Result(
                code,
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
