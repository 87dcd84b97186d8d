package com.productos.mcp.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The SDK's stdio transport reads from this: whole messages that passed the inbound filter, one line
 * each, handed over by the thread that reads the real stdin. {@link #end()} is the end of input.
 */
final class MessageQueueInputStream extends InputStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    void offer(byte[] line) {
        messages.add(line);
    }

    void end() {
        messages.add(END);
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) return -1;
        return current[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (!fill()) return -1;
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        while (!ended && position >= current.length) {
            try {
                byte[] next = messages.take();
                if (next == END) {
                    ended = true;
                } else {
                    current = next;
                    position = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for input", e);
            }
        }
        return !ended;
    }
}
