package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class Lsp4jLogBridgeTest {
    @Test
    void lsp4jRecordsShouldGoToTheBackendLogAndNeverToStdout() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            Lsp4jLogBridge.install();
            Lsp4jLogBridge.install();
            Logger.getLogger("org.eclipse.lsp4j.jsonrpc.services.GenericEndpoint")
                    .log(Level.WARNING, "Unsupported request method: x");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", capturedOut.toString(StandardCharsets.UTF_8));
        String log = capturedErr.toString(StandardCharsets.UTF_8);
        assertEquals(
                1,
                log.lines()
                        .filter(line -> line.contains("WARN GenericEndpoint - Unsupported request method: x"))
                        .count(),
                log);
        assertTrue(
                log.lines().noneMatch(line -> line.startsWith("WARNING:")),
                "not printed by java.util.logging too: " + log);
    }
}
