package com.productos.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.logfiles.LocalLogLayout;
import com.productos.logfiles.LogFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class LocalLogSourceTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private ObservabilityModule observability;
    private LocalLogLayout layout;

    @BeforeEach
    void setUp(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Workspace workspace = Workspace.open(temp);
        layout = new LocalLogLayout(workspace);
        observability = ObservabilityModule.create(
                new ExecutorEnvironment(workspace, Calls.REGISTRY, ProductOsConfig.empty(), clock));
        // Two revisions writing at different times: 10:00, 10:05 (build), 10:10, 10:20.
        write(layout.revisionLog("web", "web-00001"), T0, "INFO", "one");
        write(layout.buildLog("web", "web-00002"), T0.plusSeconds(300), "INFO", "building two");
        write(layout.revisionLog("web", "web-00002"), T0.plusSeconds(600), "ERROR", "two failed");
        write(layout.revisionLog("web", "web-00002"), T0.plusSeconds(1200), "INFO", "two again");
        write(layout.runLog("run-42"), T0, "INFO", "run line");
        // A torn last line, as a crash mid-write leaves, is skipped.
        Files.writeString(
                layout.revisionLog("web", "web-00001"),
                "{\"timestamp\":\"2026-",
                java.nio.file.StandardOpenOption.APPEND);
        now.set(T0.plusSeconds(1500));
    }

    private void write(Path file, Instant at, String severity, String text) throws Exception {
        now.set(at);
        try (LogFileWriter writer = new LogFileWriter(file, clock)) {
            writer.write(severity, text);
        }
    }

    private JsonNode tail(String input) throws ExecutorFailure {
        return Calls.call(observability, "logs.tail", input).path("lines");
    }

    @Test
    void serviceScopeShouldMergeEveryRevisionOldestFirst() throws Exception {
        JsonNode lines = tail("{\"scope\":\"service\",\"service_name\":\"web\",\"limit\":10,\"since_seconds\":3600}");

        assertEquals(4, lines.size());
        assertEquals("one", lines.path(0).path("text").asString());
        assertEquals("building two", lines.path(1).path("text").asString());
        assertEquals("ERROR", lines.path(2).path("severity").asString());
        assertEquals("2026-11-25T10:20:00Z", lines.path(3).path("timestamp").asString());
    }

    @ParameterizedTest(name = "limit {0}, since {1} s -> {2} lines, newest last: {3}")
    @CsvSource({
        "10, 1000, 2, two again",
        "10, 1300, 3, two again",
        "2, 3600, 2, two again",
        "1, 600, 1, two again",
        "10, 60, 0, ''"
    })
    void limitAndSinceShouldKeepTheNewestLinesInTheWindow(int limit, int since, int expected, String last)
            throws Exception {
        JsonNode lines = tail("{\"scope\":\"service\",\"service_name\":\"web\",\"limit\":" + limit
                + ",\"since_seconds\":" + since + "}");

        assertEquals(expected, lines.size(), lines.toString());
        if (expected > 0)
            assertEquals(last, lines.path(expected - 1).path("text").asString());
    }

    @Test
    void runScopeShouldReadTheRunsLogFile() throws Exception {
        JsonNode lines = tail("{\"scope\":\"run\",\"run_id\":\"run-42\",\"limit\":10,\"since_seconds\":3600}");

        assertEquals("run line", lines.path(0).path("text").asString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"scope\":\"service\",\"limit\":10}|/service_name|required when scope is 'service'",
                "{\"scope\":\"run\",\"limit\":10}|/run_id|required when scope is 'run'",
                "{\"scope\":\"run\",\"run_id\":\"../etc\",\"limit\":10}|/run_id|is not a run id"
            })
    void badInputShouldNameTheField(String input, String pointer, String message) {
        ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> tail(input));

        assertEquals(400, failure.httpStatus());
        assertEquals(pointer, failure.details().path(0).path("pointer").asString());
        assertTrue(failure.getMessage().contains(message), failure.getMessage());
    }

    @Test
    void anUnknownRunShouldBeNotFound() {
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class, () -> tail("{\"scope\":\"run\",\"run_id\":\"run-404\",\"limit\":10}"));

        assertEquals(404, failure.httpStatus());
    }
}
