package com.productos.mcp.stdio;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The real stdout, shared by the SDK's transport and the inbound filter's refusals: each complete line
 * reaches stdout in one piece, so two writers can never interleave inside a message.
 */
final class LineAtomicOutputStream extends OutputStream {
    private final OutputStream out;
    private final Object lock = new Object();
    private byte[] pending = new byte[8192];
    private int length;

    LineAtomicOutputStream(OutputStream out) {
        this.out = out;
    }

    /** Writes one whole message and its newline, then flushes. */
    void writeLine(byte[] message) throws IOException {
        synchronized (lock) {
            out.write(message);
            out.write('\n');
            out.flush();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            append(bytes[i]);
            if (bytes[i] == '\n') {
                synchronized (lock) {
                    out.write(pending, 0, length);
                    out.flush();
                }
                length = 0;
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        // Only complete lines are written; a partial one waits for its newline.
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            out.close();
        }
    }

    private void append(byte b) {
        if (length == pending.length) {
            byte[] bigger = new byte[pending.length * 2];
            System.arraycopy(pending, 0, bigger, 0, length);
            pending = bigger;
        }
        pending[length++] = b;
    }
}
