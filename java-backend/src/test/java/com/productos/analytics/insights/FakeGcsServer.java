package com.productos.analytics.insights;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * A loopback fake of the Cloud Storage JSON API, enough for the google-cloud-storage client's
 * uploads and deletes: {@code POST /upload/storage/v1/b/{bucket}/o?uploadType=multipart} with a
 * multipart/related body (the object's JSON metadata, then its bytes), and
 * {@code DELETE /storage/v1/b/{bucket}/o/{name}}. Objects whose name ends with {@link #refuseSuffix}
 * are refused with 403, as a bucket without write access answers.
 */
final class FakeGcsServer implements AutoCloseable {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    volatile String refuseSuffix;
    private final HttpServer server;

    FakeGcsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            byte[] body = body(exchange);
            if (method.equals("POST") && path.startsWith("/upload/storage/v1/b/")) {
                String bucket = decode(path.substring("/upload/storage/v1/b/".length(), path.indexOf("/o")));
                upload(exchange, bucket, body);
            } else if (method.equals("DELETE") && path.startsWith("/storage/v1/b/") && path.contains("/o/")) {
                String bucket = decode(path.substring("/storage/v1/b/".length(), path.indexOf("/o/")));
                String name = decode(path.substring(path.indexOf("/o/") + 3));
                boolean existed = objects.remove(bucket + "/" + name) != null;
                if (existed) reply(exchange, 204, null);
                else error(exchange, 404, "No such object: " + bucket + "/" + name);
            } else {
                error(exchange, 404, "the fake does not serve " + method + " " + path);
            }
        }
    }

    private void upload(HttpExchange exchange, String bucket, byte[] body) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("multipart/related") || !contentType.contains("boundary=")) {
            error(exchange, 400, "expected a multipart/related upload, got " + contentType);
            return;
        }
        String boundary =
                contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] parts = text.split("--" + java.util.regex.Pattern.quote(boundary));
        // parts[0] is the preamble, parts[1] the metadata, parts[2] the media, the last "--".
        String metadata = partBody(parts[1]);
        String media = partBody(parts[2]);
        String name = jsonField(metadata, "name");
        String mediaType = jsonField(metadata, "contentType");
        if (name == null) {
            error(exchange, 400, "the metadata part names no object");
            return;
        }
        if (refuseSuffix != null && name.endsWith(refuseSuffix)) {
            error(exchange, 403, "caller does not have storage.objects.create access to " + bucket + "/" + name);
            return;
        }
        byte[] bytes = media.getBytes(StandardCharsets.ISO_8859_1);
        objects.put(bucket + "/" + name, bytes);
        if (mediaType != null) contentTypes.put(bucket + "/" + name, mediaType);
        reply(
                exchange,
                200,
                "{\"kind\":\"storage#object\",\"id\":\"" + bucket + "/" + name + "/1\",\"bucket\":\"" + bucket
                        + "\",\"name\":\"" + name + "\",\"generation\":\"1\",\"metageneration\":\"1\",\"size\":\""
                        + bytes.length + "\",\"contentType\":\"" + (mediaType == null ? "" : mediaType) + "\"}");
    }

    /** A part's body: after the blank line that ends its headers, without the CRLF before the next boundary. */
    private static String partBody(String part) {
        int start = part.indexOf("\r\n\r\n");
        String bodyText = part.substring(start + 4);
        return bodyText.endsWith("\r\n") ? bodyText.substring(0, bodyText.length() - 2) : bodyText;
    }

    private static String jsonField(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding")))
            in = new GZIPInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        reply(
                exchange,
                status,
                "{\"error\":{\"code\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\",\"errors\":[{"
                        + "\"message\":\"" + message.replace("\"", "'") + "\",\"domain\":\"global\",\"reason\":\""
                        + (status == 403 ? "forbidden" : status == 404 ? "notFound" : "invalid") + "\"}]}}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    byte[] object(String bucket, String name) {
        byte[] bytes = objects.get(bucket + "/" + name);
        return bytes == null ? null : Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
