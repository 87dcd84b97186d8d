package com.productos.deploy.local;

import com.productos.logfiles.LogFileWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One running revision: its run command (through {@code sh -c}) listening on {@code port}, with stdout
 * written to its log as INFO and stderr as ERROR.
 */
final class RevisionProcess {
    private final String revision;
    private final int port;
    private final Process process;
    private final LogFileWriter log;

    private RevisionProcess(String revision, int port, Process process, LogFileWriter log) {
        this.revision = revision;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** {@code started} learns the process first, before its output is read, so that it can be recorded at once. */
    static RevisionProcess start(
            String revision,
            String runCommand,
            Path sourceDir,
            int port,
            Map<String, String> env,
            LogFileWriter log,
            Consumer<Process> started)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", runCommand)).directory(sourceDir.toFile());
        ChildEnvironment.restrict(builder.environment());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        started.accept(process);
        log.write("INFO", "started revision " + revision + " (pid " + process.pid() + ") on 127.0.0.1:" + port);
        RevisionProcess running = new RevisionProcess(revision, port, process, log);
        running.pump(process.getInputStream(), "INFO", "stdout");
        running.pump(process.getErrorStream(), "ERROR", "stderr");
        process.onExit()
                .thenAccept(exited ->
                        log.write("INFO", "revision " + revision + " exited with code " + exited.exitValue()));
        return running;
    }

    private void pump(InputStream stream, String severity, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine())
                            log.write(severity, line);
                    } catch (IOException e) {
                        // The stream closes when the process is stopped.
                    }
                },
                revision + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    String revision() {
        return revision;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Instant startedAt() {
        return process.toHandle().info().startInstant().orElse(null);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    /** Stops the process and all its descendants, then closes the log. */
    void stop(Duration grace) {
        if (process.isAlive() || process.toHandle().descendants().findAny().isPresent()) {
            ProcessTree.destroy(process.toHandle(), grace);
        }
        try {
            process.onExit().get(grace.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Forcibly destroyed above; nothing more to wait for.
        }
        log.close();
    }
}
