package com.productos.deploy.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a command to completion with a time limit, streaming its merged output line by line. */
final class Commands {
    private static final int MAX_CAPTURED_CHARS = 64 * 1024;

    private Commands() {}

    static CommandResult run(
            List<String> command,
            Path directory,
            Map<String, String> extraEnv,
            Duration timeout,
            Consumer<String> lineSink)
            throws IOException {
        return run(command, directory, extraEnv, timeout, lineSink, process -> {});
    }

    /** As above; {@code started} learns the process first, so an owner can stop it if it is itself stopped. */
    static CommandResult run(
            List<String> command,
            Path directory,
            Map<String, String> extraEnv,
            Duration timeout,
            Consumer<String> lineSink,
            Consumer<Process> started)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        ChildEnvironment.restrict(builder.environment());
        builder.environment().putAll(extraEnv);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        started.accept(process);
        StringBuilder captured = new StringBuilder();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            lineSink.accept(line);
                            synchronized (captured) {
                                if (captured.length() < MAX_CAPTURED_CHARS)
                                    captured.append(line).append('\n');
                            }
                        }
                    } catch (IOException e) {
                        // The process was killed; what was read is kept.
                    }
                },
                "command-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) ProcessTree.destroy(process.toHandle(), Duration.ofSeconds(2));
            pump.join(2000);
        } catch (InterruptedException e) {
            ProcessTree.destroy(process.toHandle(), Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0));
        }
        synchronized (captured) {
            return new CommandResult(finished ? process.exitValue() : -1, !finished, captured.toString());
        }
    }
}
