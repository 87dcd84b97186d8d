package com.productos.testing;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client side of the backend's JSON-RPC wire in tests and benchmarks, written from the LSP base
 * protocol rather than with lsp4j, so what it reads is the backend's real bytes. It sends raw bytes,
 * framed bodies or requests with ids of its own, and reads every frame exactly as sent (header text
 * and body text). Any byte on the stream that is not part of a well-formed frame is a protocol
 * violation: {@link #protocolViolations()} lists it and {@link #next} fails on it.
 *
 * <p>Responses to {@link #request} complete its future; every other frame (notifications, server
 * requests, responses to ids the test chose itself) waits in arrival order for {@link #next}.
 */
public final class JsonRpcWireClient implements AutoCloseable {
    // Generous: a child JVM on a loaded 2-core machine can take over 10 s to answer its first frame.
    public static final long TIMEOUT_MILLIS = 30_000;

    private final OutputStream toServer;
    private final InputStream fromServer;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    /** Frames read but not yet asked for (while waiting for another one). */
    private final List<Frame> held = new ArrayList<>();

    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> protocolViolations = new ArrayList<>();
    private volatile IOException brokenBy;
    private final Thread reader;

    /** One frame as it came off the wire. */
    public record Frame(String header, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }

        public String raw() {
            return header + body;
        }

        public boolean isResponse() {
            JsonNode json = json();
            return !json.has("method") && json.has("id");
        }

        public boolean isResponseTo(long id) {
            JsonNode json = json();
            return isResponse() && isLong(json.get("id")) && json.get("id").asLong() == id;
        }

        public boolean isNotification(String method) {
            JsonNode json = json();
            return !json.has("id") && method.equals(json.path("method").asString());
        }
    }

    /** An id this client could have sent (ids beyond a long, or with a fraction, are not its own). */
    private static boolean isLong(JsonNode id) {
        return id.isIntegralNumber() && id.canConvertToLong();
    }

    public JsonRpcWireClient(InputStream fromServer, OutputStream toServer) {
        this.fromServer = fromServer;
        this.toServer = toServer;
        this.reader = new Thread(this::readLoop, "json-rpc-wire-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** The frame the server must send for this body: the exact Content-Length header, then the body. */
    public static String frame(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    // ---- sending

    /** Sends {@code body} (JSON text, or anything a test wants to try) in one frame. */
    public void send(String body) throws IOException {
        sendBytes(frame(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one message in one frame. */
    public void send(JsonNode message) {
        sendRaw(Json.write(message).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} in one frame; a closed server input is an {@link IllegalStateException}. */
    public void sendRaw(byte[] body) {
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            synchronized (this) {
                toServer.write(header);
                toServer.write(body);
                toServer.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the server's input is closed: " + e.getMessage(), e);
        }
    }

    /** Writes bytes as they are, framed or not. */
    public void sendBytes(byte[] raw) throws IOException {
        synchronized (this) {
            toServer.write(raw);
            toServer.flush();
        }
    }

    /** Sends a request with the next id of this client; the future completes with the whole response. */
    public CompletableFuture<JsonNode> request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) message.set("params", params);
        send(message);
        return answer;
    }

    /** Sends a request and waits; returns the whole response message (result or error). */
    public JsonNode call(String method, JsonNode params) throws Exception {
        return request(method, params).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sends a request with the id {@code id} and returns the response frame as sent. */
    public Frame call(long id, String method, String paramsJson) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}");
        return response(id);
    }

    public void notify(String method, JsonNode params) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) message.set("params", params);
        send(message);
    }

    public void closeInput() throws IOException {
        toServer.close();
    }

    // ---- reading

    /**
     * The next frame that matches, keeping the others for later calls; fails when none comes within
     * {@link #TIMEOUT_MILLIS} or the server's output is broken.
     */
    public Frame next(Predicate<Frame> wanted) throws Exception {
        Frame frame = next(wanted, TIMEOUT_MILLIS);
        if (frame != null) return frame;
        if (brokenBy != null) throw new AssertionError("the server's output is broken", brokenBy);
        synchronized (this) {
            throw new AssertionError("no matching frame within " + TIMEOUT_MILLIS + " ms; unmatched: " + held);
        }
    }

    /** The next matching frame within {@code timeoutMillis}, or null (the others are kept). */
    public synchronized Frame next(Predicate<Frame> wanted, long timeoutMillis) throws InterruptedException {
        for (Iterator<Frame> it = held.iterator(); it.hasNext(); ) {
            Frame frame = it.next();
            if (wanted.test(frame)) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            if (frame == null) return null;
            if (wanted.test(frame)) return frame;
            held.add(frame);
        }
    }

    public Frame response(long id) throws Exception {
        return next(frame -> frame.isResponseTo(id));
    }

    public Frame notification(String method, Predicate<JsonNode> params) throws Exception {
        return next(frame ->
                frame.isNotification(method) && params.test(frame.json().get("params")));
    }

    /** The next message from the server that has a method (a notification or a request), or null. */
    public JsonNode nextNotification(long timeoutMillis) throws InterruptedException {
        Frame frame = next(f -> !f.isResponse(), timeoutMillis);
        return frame == null ? null : frame.json();
    }

    /** Frames received and not yet taken, after waiting until nothing more arrives for a moment. */
    public synchronized List<Frame> drainQuietly(long quietMillis) throws InterruptedException {
        while (true) {
            Frame frame = frames.poll(quietMillis, TimeUnit.MILLISECONDS);
            if (frame == null) break;
            held.add(frame);
        }
        List<Frame> all = new ArrayList<>(held);
        held.clear();
        return all;
    }

    /** True once the server closed its output (end of stream). */
    public boolean awaitEndOfStream() throws InterruptedException {
        reader.join(TIMEOUT_MILLIS);
        return !reader.isAlive();
    }

    /** What was wrong with the server's output, if anything; reading stops at the first violation. */
    public List<String> protocolViolations() {
        synchronized (protocolViolations) {
            return List.copyOf(protocolViolations);
        }
    }

    private void readLoop() {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.isResponse()) {
                    JsonNode id = frame.json().get("id");
                    CompletableFuture<JsonNode> answer = isLong(id) ? pending.remove(id.asLong()) : null;
                    if (answer != null) {
                        answer.complete(frame.json());
                        continue;
                    }
                }
                frames.add(frame);
            }
        } catch (EOFException e) {
            // The server closed its output.
        } catch (IOException e) {
            if (!"Pipe closed".equals(e.getMessage()) && !"Write end dead".equals(e.getMessage())) {
                brokenBy = e;
                synchronized (protocolViolations) {
                    protocolViolations.add(e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            brokenBy = new IOException("a frame body is not JSON: " + e.getMessage(), e);
            synchronized (protocolViolations) {
                protocolViolations.add(brokenBy.getMessage());
            }
        } finally {
            pending.values()
                    .forEach(answer -> answer.completeExceptionally(new EOFException("server closed the stream")));
        }
    }

    private Frame readFrame() throws IOException {
        StringBuilder header = new StringBuilder();
        int contentLength = -1;
        while (true) {
            String line = readHeaderLine(header.length() == 0);
            header.append(line).append("\r\n");
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon < 0) throw new IOException("not a header line on the server's output: '" + line + "'");
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Integer.parseInt(line.substring(colon + 1).trim());
            } else if (!name.equalsIgnoreCase("Content-Type")) {
                throw new IOException("unexpected header line '" + line + "'");
            }
        }
        if (contentLength < 0) throw new IOException("frame without Content-Length: '" + header + "'");
        byte[] body = fromServer.readNBytes(contentLength);
        if (body.length < contentLength) throw new IOException("the stream ended inside a frame body");
        return new Frame(header.toString(), new String(body, StandardCharsets.UTF_8));
    }

    private String readHeaderLine(boolean firstOfFrame) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = fromServer.read();
            if (b < 0) {
                if (line.size() == 0 && firstOfFrame) throw new EOFException();
                throw new IOException("the stream ended inside a header: '" + line + "'");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                if (!text.endsWith("\r")) throw new IOException("header line not ended by CRLF: '" + text + "'");
                return text.substring(0, text.length() - 1);
            }
            line.write(b);
            if (line.size() > 1000) {
                throw new IOException("header line too long; the output carries something else: '" + line + "'");
            }
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
