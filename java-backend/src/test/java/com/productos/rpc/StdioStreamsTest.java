package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class StdioStreamsTest {
    @Test
    void captureShouldTakeStdoutAwayFromSystemOut() {
        PrintStream before = System.out;
        try {
            StdioStreams streams = StdioStreams.capture();
            assertNotNull(streams.in());
            assertNotSame(before, System.out, "System.out must no longer be the protocol stream");
            assertNotSame(System.out, streams.out());
        } finally {
            System.setOut(before);
        }
    }
}
