package com.productos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person reads when the workspace cannot be used: one line naming the file and the fix, exit 2. */
class WorkspaceProblemsCliTest {
    @TempDir
    Path root;

    @Test
    void damagedRunStoreShouldBeNamedWithMoveItAsideAndNoStackTrace() throws Exception {
        Path data = Files.createDirectories(root.resolve(".productos"));
        Path store = data.resolve("productos.db");
        Files.write(
                store,
                "this is not a SQLite database, it is a text file that got copied over it\n"
                        .repeat(200)
                        .getBytes(StandardCharsets.UTF_8));

        Outcome outcome = run("runs", "list", "--no-daemon", "--workspace", root.toString());

        assertEquals(ExitCodes.USAGE, outcome.exitCode(), outcome.stderr());
        assertTrue(outcome.stderr().contains("the store " + store + " is damaged"), outcome.stderr());
        assertTrue(
                outcome.stderr().contains("move it aside (mv " + store + " " + store + ".damaged"), outcome.stderr());
        assertFalse(outcome.stderr().contains("\tat "), "no stack trace: " + outcome.stderr());
        assertEquals("", outcome.stdout());
    }

    @Test
    void missingWorkspaceShouldBeNamedWithNoStackTrace() throws Exception {
        Path missing = root.resolve("typo");
        Outcome outcome = run("runs", "list", "--no-daemon", "--workspace", missing.toString());
        assertEquals(ExitCodes.USAGE, outcome.exitCode(), outcome.stderr());
        assertEquals(
                "productos: workspace folder " + missing + " does not exist; create it or pass --workspace DIR",
                outcome.stderr().strip());
        assertFalse(Files.exists(missing), "nothing is created for a mistyped folder");
    }

    private record Outcome(int exitCode, String stdout, String stderr) {}

    private static Outcome run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Outcome(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
