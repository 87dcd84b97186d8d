package com.productos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.productos.common.KnownSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedactingLineStreamTest {
    @Test
    void aSecretSplitAcrossWritesShouldStillBeCutOut() throws Exception {
        String secret = "tok_" + UUID.randomUUID();
        KnownSecrets.add(secret);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(new RedactingLineStream(target), true, StandardCharsets.UTF_8);
        stream.print("WARN call failed: " + secret.substring(0, 10));
        stream.flush();
        stream.print(secret.substring(10) + " was refused\n");
        stream.println("second line é");
        stream.print("no newline " + secret);
        stream.close();
        assertEquals(
                "WARN call failed: [redacted] was refused\nsecond line é\nno newline [redacted]",
                target.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLineWaitsForItsNewlineButFlushPassesWhatIsComplete() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(new RedactingLineStream(target), true, StandardCharsets.UTF_8);
        stream.print("partial");
        stream.flush();
        assertEquals("", target.toString(StandardCharsets.UTF_8));
        stream.print(" line\n");
        assertEquals("partial line\n", target.toString(StandardCharsets.UTF_8));
    }
}
