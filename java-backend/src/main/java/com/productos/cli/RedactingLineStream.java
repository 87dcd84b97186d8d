package com.productos.cli;

import com.productos.common.KnownSecrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes text on line by line with every {@link KnownSecrets known secret} cut out, so that no log
 * line (stderr, backend.log) carries a token, whatever logged it. Lines are held until their newline,
 * because a secret may arrive in two writes; a line longer than {@link #MAX_HELD_BYTES} is passed on
 * in parts.
 */
final class RedactingLineStream extends OutputStream {
    static final int MAX_HELD_BYTES = 64 * 1024;
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    RedactingLineStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_HELD_BYTES) passLine();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                passLine();
                start = i + 1;
            }
        }
        if (start < end) {
            line.write(bytes, start, end - start);
            if (line.size() >= MAX_HELD_BYTES) passLine();
        }
    }

    /** Flushes what was passed on; a line still without its newline waits for it. */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) passLine();
        target.close();
    }

    private void passLine() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        String cleaned = KnownSecrets.redact(text);
        target.write(cleaned.getBytes(StandardCharsets.UTF_8));
        target.flush();
    }
}
