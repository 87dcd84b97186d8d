package com.productos.logfiles;

import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the lines of JSON-lines log files written by {@link LogFileWriter}. Only the last
 * {@link #MAX_TAIL_BYTES} of a file are read, so a huge log cannot exhaust memory; a line that is not
 * a log record (torn by a crash) is skipped.
 */
public final class LogFileReader {
    static final int MAX_TAIL_BYTES = 8 * 1024 * 1024;

    private LogFileReader() {}

    /** The lines of {@code file} at or after {@code since}, oldest first. */
    public static List<LogLine> read(Path file, Instant since) throws IOException {
        List<LogLine> lines = new ArrayList<>();
        if (!Files.isRegularFile(file)) return lines;
        for (String text : tailText(file).split("\n")) {
            LogLine line = parse(text);
            if (line != null && !line.timestamp().isBefore(since)) lines.add(line);
        }
        return lines;
    }

    private static String tailText(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - MAX_TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            // A read that starts mid-file starts mid-line: drop the partial first line.
            if (start > 0) text = text.substring(text.indexOf('\n') + 1);
            return text;
        }
    }

    private static LogLine parse(String text) {
        if (text.isBlank()) return null;
        try {
            JsonNode node = Json.parse(text);
            if (!node.path("timestamp").isString() || !node.path("text").isString()) return null;
            String severity =
                    node.path("severity").isString() ? node.path("severity").asString() : null;
            return new LogLine(
                    Instant.parse(node.path("timestamp").asString()),
                    severity,
                    node.path("text").asString());
        } catch (JsonParseFailure | DateTimeParseException e) {
            return null;
        }
    }
}
