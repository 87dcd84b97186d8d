package com.productos.daemon;

import com.productos.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code serve --stdio} in front of the workspace backend: the editor's frames go to the backend's socket
 * and its answers come back on stdout, unchanged, so the editor shares the backend's runs with the CLI.
 * The relay reads the editor's frames whole (LSP framing) only to notice a {@code shutdown} request, so
 * its exit code keeps LSP's meaning: 0 when the editor shut down before it left, 1 otherwise. A stream
 * whose framing it cannot follow is passed on as it is, for the backend to answer.
 */
public final class StdioRelay {
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private final InputStream editorIn;
    private final OutputStream editorOut;
    private final SocketChannel backend;
    private final AtomicBoolean shutdownSeen = new AtomicBoolean();

    public StdioRelay(InputStream editorIn, OutputStream editorOut, SocketChannel backend) {
        this.editorIn = editorIn;
        this.editorOut = editorOut;
        this.backend = backend;
    }

    /**
     * Relays until the backend closes the connection (after the editor's exit) or the editor's stdin ends,
     * or {@code stop} completes (the editor process died). Returns the LSP exit code.
     */
    public int run(CompletableFuture<Void> stop) {
        OutputStream toBackend = ChannelStreams.out(backend);
        InputStream fromBackend = ChannelStreams.in(backend);
        CompletableFuture<Void> backendToEditor =
                CompletableFuture.runAsync(() -> copy(fromBackend, editorOut), daemonThread());
        Thread editorToBackend = new Thread(
                () -> {
                    try {
                        relayFrames(toBackend);
                        backend.shutdownOutput();
                    } catch (IOException ended) {
                        // The backend went away; the other direction ends too.
                    }
                },
                "productos-relay-in");
        editorToBackend.setDaemon(true);
        editorToBackend.start();
        CompletableFuture.anyOf(backendToEditor, stop).join();
        try {
            backend.close();
        } catch (IOException ignored) {
            // Leaving anyway.
        }
        return shutdownSeen.get() ? 0 : 1;
    }

    private void relayFrames(OutputStream toBackend) throws IOException {
        while (true) {
            byte[] header = readHeader();
            if (header == null) return;
            int length = contentLength(new String(header, StandardCharsets.US_ASCII));
            if (length < 0) {
                // Not framing we can follow: pass everything on raw and let the backend report it.
                toBackend.write(header);
                editorIn.transferTo(toBackend);
                return;
            }
            byte[] body = editorIn.readNBytes(length);
            toBackend.write(header);
            toBackend.write(body);
            if (body.length < length) return;
            noticeShutdown(body);
        }
    }

    /** The header block up to and including the blank line; null at end of input before any byte. */
    private byte[] readHeader() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = editorIn.read();
            if (b < 0) return header.size() == 0 ? null : header.toByteArray();
            header.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (header.size() > MAX_HEADER_BYTES) return header.toByteArray();
        }
        return header.toByteArray();
    }

    private static int contentLength(String header) {
        if (!header.endsWith("\r\n\r\n")) return -1;
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private void noticeShutdown(byte[] body) {
        try {
            if ("shutdown"
                    .equals(Json.parse(new String(body, StandardCharsets.UTF_8))
                            .path("method")
                            .asString(""))) {
                shutdownSeen.set(true);
            }
        } catch (RuntimeException notJson) {
            // The backend answers a malformed frame itself.
        }
    }

    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException ended) {
            // Either side closed: the relay is over.
        }
    }

    private static java.util.concurrent.Executor daemonThread() {
        return runnable -> {
            Thread thread = new Thread(runnable, "productos-relay-out");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
