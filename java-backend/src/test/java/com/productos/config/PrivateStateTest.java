package com.productos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.common.SqliteDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .productos/} is its owner's only: created so, and tightened (with a log line) when found wider. */
class PrivateStateTest {
    @TempDir
    Path root;

    @Test
    void newWorkspaceShouldBeOwnerOnlyWithoutReportingAnything() throws Exception {
        String logged = stderrOf(() -> {
            Workspace workspace = Workspace.open(root);
            try (SqliteDatabase database = SqliteDatabase.open(workspace.database())) {
                database.migrate("CREATE TABLE IF NOT EXISTS t (x INTEGER)");
                workspace.tightenState();
            }
            return null;
        });
        Path data = root.resolve(".productos");
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(data.resolve("logs")));
        assertEquals("rwx------", mode(data.resolve("artifacts")));
        assertEquals("rw-------", mode(data.resolve(".gitignore")));
        assertEquals("rw-------", mode(data.resolve("productos.db")));
        assertFalse(logged.contains("tightened"), "a new workspace was never wider: " + logged);
    }

    @Test
    void widerModesOfAnExistingWorkspaceShouldBeTightenedWithALogLine() throws Exception {
        Path data = Files.createDirectories(root.resolve(".productos"));
        Path logs = Files.createDirectories(data.resolve("logs"));
        Path run = Files.createDirectories(data.resolve("run"));
        Path database = Files.writeString(data.resolve("productos.db"), "");
        Path log = Files.writeString(logs.resolve("backend.log"), "old lines\n");
        Path runFile = Files.writeString(run.resolve("executors.json"), "{}");
        Path revisionSource = Files.createDirectories(data.resolve("deploy/web/web-00001/src"))
                .resolve("server.js");
        Files.writeString(revisionSource, "// the user's own code\n");
        for (Path folder : new Path[] {data, logs, run})
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(runFile, PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(revisionSource, PosixFilePermissions.fromString("rw-r--r--"));

        String logged = stderrOf(() -> Workspace.open(root));

        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(logs));
        assertEquals("rwx------", mode(run));
        assertEquals("rw-------", mode(database));
        assertEquals("rw-------", mode(log));
        assertEquals("rw-------", mode(runFile));
        assertEquals(
                "rw-r--r--",
                mode(revisionSource),
                "a deployed revision's source is the user's code and keeps its modes");
        assertTrue(logged.contains("tightened " + database + " from rw-r--r-- to rw-------"), logged);
        assertTrue(logged.contains("tightened " + log + " from rw-rw-rw- to rw-------"), logged);
        assertTrue(logged.contains("tightened " + data + " from rwxr-xr-x to rwx------"), logged);

        String again = stderrOf(() -> Workspace.open(root));
        assertFalse(again.contains("tightened"), "nothing left to tighten: " + again);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** What {@code work} writes to stderr, where the backend logs (see simplelogger.properties). */
    static String stderrOf(Callable<?> work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.call();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
