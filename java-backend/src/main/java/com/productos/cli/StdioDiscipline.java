package com.productos.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps stdout for protocol bytes only: takes the real stdout for the protocol, points System.out at
 * stderr so a stray print can never corrupt a frame, and copies stderr into a log file.
 */
final class StdioDiscipline {
    private static final long ROTATE_AT_BYTES = 10L * 1024 * 1024;

    private StdioDiscipline() {}

    /**
     * Returns the process's real stdout; from now on System.out writes to stderr. A plain stream over
     * the file descriptor, not a PrintStream, so a write to a dead client fails instead of vanishing.
     */
    static OutputStream takeStdoutForProtocol() {
        System.out.flush();
        System.setOut(System.err);
        return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
    }

    /** From now on System.err passes known secret values on as "[redacted]" (once per process). */
    static synchronized void redactStderr() {
        if (System.err instanceof RedactedPrintStream) return;
        System.setErr(new RedactedPrintStream(System.err));
    }

    /**
     * Copies everything written to System.err into {@code logFile} as well (rotated once at 10 MiB),
     * with known secret values cut out of both.
     */
    static void teeStderrTo(Path logFile) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > ROTATE_AT_BYTES) {
            Files.move(
                    logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        OutputStream file = new FileOutputStream(logFile.toFile(), true);
        PrintStream console = System.err instanceof RedactedPrintStream redacted ? redacted.unredacted : System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                console.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                console.write(bytes, offset, length);
                file.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                console.flush();
                file.flush();
            }
        };
        PrintStream tee = new RedactedPrintStream(new PrintStream(both, true, StandardCharsets.UTF_8));
        System.setErr(tee);
        System.setOut(tee);
    }

    /** A print stream whose lines lose known secret values before reaching {@code unredacted}. */
    static final class RedactedPrintStream extends PrintStream {
        final PrintStream unredacted;

        RedactedPrintStream(PrintStream unredacted) {
            super(new RedactingLineStream(unredacted), true, StandardCharsets.UTF_8);
            this.unredacted = unredacted;
        }
    }
}
