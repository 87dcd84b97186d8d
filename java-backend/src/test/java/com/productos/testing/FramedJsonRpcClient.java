package com.productos.testing;

import com.productos.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deliberately independent JSON-RPC client with LSP framing, written from the spec rather than with
 * lsp4j, so tests and benchmarks check the backend's real bytes. It fails on any byte on the stream
 * that is not part of a well-formed frame.
 */
public final class FramedJsonRpcClient implements AutoCloseable {
    private final OutputStream out;
    private final InputStream in;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final List<String> protocolViolations = new ArrayList<>();
    private final Thread reader;

    public FramedJsonRpcClient(InputStream fromServer, OutputStream toServer) {
        this.in = fromServer;
        this.out = toServer;
        this.reader = new Thread(this::readLoop, "framed-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public CompletableFuture<JsonNode> request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) message.set("params", params);
        send(message);
        return answer;
    }

    /** Sends and waits; returns the whole response message (result or error). */
    public JsonNode call(String method, JsonNode params) throws Exception {
        return request(method, params).get(30, TimeUnit.SECONDS);
    }

    public void notify(String method, JsonNode params) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) message.set("params", params);
        send(message);
    }

    public synchronized void send(JsonNode message) {
        sendRaw(Json.write(message).getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void sendRaw(byte[] body) {
        try {
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the server's input is closed: " + e.getMessage(), e);
        }
    }

    public synchronized void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    public JsonNode nextNotification(long timeoutMillis) throws InterruptedException {
        return notifications.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public List<String> protocolViolations() {
        synchronized (protocolViolations) {
            return List.copyOf(protocolViolations);
        }
    }

    public void closeInput() throws IOException {
        out.close();
    }

    private void readLoop() {
        try {
            while (true) {
                JsonNode message = Json.parse(new String(readFrame(), StandardCharsets.UTF_8));
                if (message.has("id") && !message.has("method")) {
                    CompletableFuture<JsonNode> answer =
                            pending.remove(message.get("id").asLong());
                    if (answer != null) answer.complete(message);
                } else {
                    notifications.add(message);
                }
            }
        } catch (EOFException e) {
            // The server closed its output.
        } catch (Exception e) {
            synchronized (protocolViolations) {
                protocolViolations.add(e.getMessage());
            }
        } finally {
            pending.values()
                    .forEach(answer -> answer.completeExceptionally(new EOFException("server closed the stream")));
        }
    }

    private byte[] readFrame() throws IOException {
        int contentLength = -1;
        while (true) {
            String header = readHeaderLine();
            if (header.isEmpty()) break;
            int colon = header.indexOf(':');
            if (colon < 0) throw new IOException("not a header line on stdout: '" + header + "'");
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length"))
                contentLength = Integer.parseInt(header.substring(colon + 1).trim());
            else if (!name.equalsIgnoreCase("Content-Type"))
                throw new IOException("unexpected header '" + header + "'");
        }
        if (contentLength < 0) throw new IOException("frame without Content-Length");
        byte[] body = in.readNBytes(contentLength);
        if (body.length < contentLength) throw new EOFException();
        return body;
    }

    private String readHeaderLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) throw new EOFException();
                throw new IOException("stream ended inside a header: '" + line + "'");
            }
            if (b == '\n') break;
            if (b != '\r') line.write(b);
            if (line.size() > 1000)
                throw new IOException("header line too long; stdout carries something else: '" + line + "'");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
