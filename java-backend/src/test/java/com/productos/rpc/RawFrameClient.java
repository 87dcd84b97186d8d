package com.productos.rpc;

import com.productos.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The client side of the wire in tests: writes raw bytes, and reads the server's frames exactly as
 * sent (header text and body text), written from the LSP base protocol rather than with lsp4j. Any
 * byte on the stream that is not part of a well-formed frame fails the test that reads it.
 */
final class RawFrameClient implements AutoCloseable {
    // Generous: a child JVM on a loaded 2-core machine can take over 10 s to answer its first frame.
    static final long TIMEOUT_MILLIS = 30_000;

    private final OutputStream toServer;
    private final InputStream fromServer;
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    /** Frames read but not yet asked for (while waiting for another one). */
    private final List<Frame> held = new ArrayList<>();

    private final Thread reader;

    /** One frame as it came off the wire. */
    record Frame(String header, String body) {
        JsonNode json() {
            return Json.parse(body);
        }

        String raw() {
            return header + body;
        }

        boolean isResponseTo(long id) {
            JsonNode json = json();
            return !json.has("method")
                    && json.has("id")
                    && json.get("id").isNumber()
                    && json.get("id").asLong() == id;
        }

        boolean isNotification(String method) {
            JsonNode json = json();
            return !json.has("id") && method.equals(json.path("method").asString());
        }
    }

    RawFrameClient(InputStream fromServer, OutputStream toServer) {
        this.fromServer = fromServer;
        this.toServer = toServer;
        this.reader = new Thread(this::readLoop, "raw-frame-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** The frame the server must send for this body: the exact Content-Length header, then the body. */
    static String frame(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    void send(String body) throws IOException {
        sendBytes(frame(body).getBytes(StandardCharsets.UTF_8));
    }

    synchronized void sendBytes(byte[] raw) throws IOException {
        toServer.write(raw);
        toServer.flush();
    }

    void closeInput() throws IOException {
        toServer.close();
    }

    /** The next frame that matches, keeping the others for later calls. */
    synchronized Frame next(Predicate<Frame> wanted) throws Exception {
        for (Iterator<Frame> it = held.iterator(); it.hasNext(); ) {
            Frame frame = it.next();
            if (wanted.test(frame)) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (true) {
            long left = deadline - System.nanoTime();
            Object item = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            if (item == null)
                throw new AssertionError("no matching frame within " + TIMEOUT_MILLIS + " ms; unmatched: " + held);
            if (item instanceof Exception failure) throw new AssertionError("the server's output is broken", failure);
            Frame frame = (Frame) item;
            if (wanted.test(frame)) return frame;
            held.add(frame);
        }
    }

    Frame response(long id) throws Exception {
        return next(frame -> frame.isResponseTo(id));
    }

    Frame notification(String method, Predicate<JsonNode> params) throws Exception {
        return next(frame ->
                frame.isNotification(method) && params.test(frame.json().get("params")));
    }

    /** Sends a request and returns the response frame. */
    Frame call(long id, String method, String paramsJson) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}");
        return response(id);
    }

    /** Frames received and not yet taken, after waiting until nothing more arrives for a moment. */
    synchronized List<Frame> drainQuietly(long quietMillis) throws InterruptedException {
        while (true) {
            Object item = frames.poll(quietMillis, TimeUnit.MILLISECONDS);
            if (item == null) break;
            if (item instanceof Frame frame) held.add(frame);
        }
        List<Frame> all = new ArrayList<>(held);
        held.clear();
        return all;
    }

    /** True once the server closed its output (end of stream). */
    boolean awaitEndOfStream() throws InterruptedException {
        reader.join(TIMEOUT_MILLIS);
        return !reader.isAlive();
    }

    private void readLoop() {
        try {
            while (true) frames.add(readFrame());
        } catch (EOFException e) {
            // The server closed its output.
        } catch (IOException e) {
            if (!"Pipe closed".equals(e.getMessage()) && !"Write end dead".equals(e.getMessage())) frames.add(e);
        }
    }

    private Frame readFrame() throws IOException {
        StringBuilder header = new StringBuilder();
        int contentLength = -1;
        while (true) {
            String line = readHeaderLine();
            header.append(line).append("\r\n");
            if (line.isEmpty()) break;
            if (!line.startsWith("Content-Length: ")) throw new IOException("unexpected header line '" + line + "'");
            contentLength = Integer.parseInt(line.substring("Content-Length: ".length()));
        }
        if (contentLength < 0) throw new IOException("frame without Content-Length: '" + header + "'");
        byte[] body = fromServer.readNBytes(contentLength);
        if (body.length < contentLength) throw new IOException("the stream ended inside a frame body");
        return new Frame(header.toString(), new String(body, StandardCharsets.UTF_8));
    }

    private String readHeaderLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = fromServer.read();
            if (b < 0) {
                if (line.size() == 0) throw new EOFException();
                throw new IOException("the stream ended inside a header");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                if (!text.endsWith("\r")) throw new IOException("header line not ended by CRLF: '" + text + "'");
                return text.substring(0, text.length() - 1);
            }
            line.write(b);
            if (line.size() > 200) throw new IOException("header line too long: '" + line + "'");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            toServer.close();
        } finally {
            fromServer.close();
        }
    }
}
