package com.productos.logfiles;

import com.productos.common.KnownSecrets;
import com.productos.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends timestamped lines to a JSON-lines log file ({"timestamp","severity","text"}), flushed per
 * line so that a tail sees them at once. Thread-safe. A write failure is logged once and then
 * ignored: losing a log line must not fail a deploy.
 */
public final class LogFileWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFileWriter.class);
    private static final int MAX_LINE_CHARS = 16_384;
    private final Path file;
    private final Clock clock;
    private BufferedWriter writer;
    private boolean failed;

    public LogFileWriter(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.getParent());
        this.writer = Files.newBufferedWriter(
                file,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    public Path file() {
        return file;
    }

    public synchronized void write(String severity, String text) {
        if (writer == null) return;
        // Build and service output is shown to the user (logs.tail, build errors): no known secret in it.
        String redacted = KnownSecrets.redact(text);
        String bounded = redacted.length() > MAX_LINE_CHARS ? redacted.substring(0, MAX_LINE_CHARS) + "..." : redacted;
        try {
            writer.write(Json.write(Json.object()
                    .put("timestamp", clock.instant().toString())
                    .put("severity", severity)
                    .put("text", bounded)));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            if (!failed) LOG.warn("cannot write log file {}: {}", file, e.getMessage());
            failed = true;
        }
    }

    @Override
    public synchronized void close() {
        if (writer == null) return;
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("cannot close log file {}: {}", file, e.getMessage());
        }
        writer = null;
    }
}
