package com.productos.rpc;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.productos.control.ErrorCode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.util.LimitedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads LSP frames ("Content-Length: N\r\n\r\n" + N bytes of JSON) and hands each message, parsed by
 * lsp4j's {@link MessageJsonHandler}, to the endpoint. It replaces lsp4j's StreamMessageProducer, which
 * keeps every header byte in memory, has no size limit, and after a bad Content-Length reads the
 * following frames as headers and loses them.
 *
 * <p>What happens to bad input (the server keeps serving in every case but the last):
 * <ul>
 * <li>a frame over {@code maxMessageBytes}: its body is read through and dropped in constant memory,
 *     the request id is picked out of it on the way, and the answer is InvalidRequest with that id;
 * <li>text that is not JSON: ParseError (id null); JSON that is not a request object: InvalidRequest;
 * <li>a header block without a usable Content-Length: one InvalidRequest with id null, then the reader
 *     skips bytes until the next "Content-Length:" header and goes on from there (further junk before
 *     that header is only logged);
 * <li>the input ends inside a frame: the reader logs it and stops, which completes the server's
 *     listening future like an ordinary end of input;
 * <li>a frame announcing over 2 GiB is taken as a corrupted stream: one InvalidRequest (id null), a
 *     log line, and the reader stops as above.
 * </ul>
 */
final class FrameReader implements MessageProducer, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);
    private static final String CONTENT_LENGTH = "content-length:";
    private static final String CONTENT_TYPE = "content-type:";
    /** Longer header lines are junk; only their tail is kept, so a Content-Length after junk is still found. */
    private static final int MAX_HEADER_LINE_CHARS = 8192;

    private static final int KEPT_TAIL_CHARS = 64;

    private final InputStream input;
    private final MessageJsonHandler jsonHandler;
    private final MessageIssueHandler issueHandler;
    private final FrameErrorSink errors;
    private final long maxMessageBytes;
    private volatile boolean running;
    /** Set after a broken header block was reported: junk until the next good frame is only logged. */
    private boolean resynchronizing;

    FrameReader(
            InputStream input,
            MessageJsonHandler jsonHandler,
            MessageIssueHandler issueHandler,
            FrameErrorSink errors,
            long maxMessageBytes) {
        this.input = new BufferedInputStream(input, 64 * 1024);
        this.jsonHandler = jsonHandler;
        this.issueHandler = issueHandler;
        this.errors = errors;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void listen(MessageConsumer callback) {
        running = true;
        try {
            while (running) {
                Header header = readHeader();
                if (header == null) break;
                if (header.strayBytes > 0)
                    LOG.warn("skipped {} bytes of input that were not part of a frame", header.strayBytes);
                if (header.contentLength < 0) {
                    brokenHeader(header.lengthProblem == null ? "no Content-Length header" : header.lengthProblem);
                    continue;
                }
                if (header.contentLength > Integer.MAX_VALUE) {
                    // Not a message but a corrupted stream: nothing after it can be trusted.
                    LOG.error(
                            "a frame announces {} bytes, beyond any message this server reads; closing the connection",
                            header.contentLength);
                    errors.reply(
                            null,
                            new ResponseError(
                                    ErrorCode.InvalidRequest.code(),
                                    "a frame announces " + header.contentLength
                                            + " bytes; the stream is taken as corrupted and the server stops reading",
                                    null));
                    break;
                }
                resynchronizing = false;
                int length = (int) header.contentLength;
                if (header.charsetProblem != null) {
                    if (!reject(length, header.charsetProblem)) break;
                } else if (length > maxMessageBytes) {
                    if (!reject(
                            length,
                            "the message is " + length + " bytes, over this server's limit of " + maxMessageBytes
                                    + " bytes; pass large data by reference (a file path or URL in the tool input)"))
                        break;
                } else {
                    byte[] body = input.readNBytes(length);
                    if (body.length < length) {
                        LOG.warn(
                                "the input ended inside a message ({} of {} bytes); closing the connection",
                                body.length,
                                length);
                        break;
                    }
                    dispatch(body, callback);
                }
            }
        } catch (IOException e) {
            if (running) LOG.info("the input stream closed: {}", e.getMessage());
        } finally {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
    }

    private void dispatch(byte[] body, MessageConsumer callback) {
        Message message;
        try {
            message = jsonHandler.parseMessage(
                    new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        } catch (MessageIssueException issue) {
            unparsed(issue);
            return;
        } catch (NumberFormatException e) {
            // lsp4j holds ids as strings or 32-bit integers; JSON-RPC allows any number. Answer, keep reading.
            errors.reply(idAsSent(body), unusableId());
            return;
        } catch (JsonParseException e) {
            if (GsonErrors.isStrictJson(body) && hasIdOfWrongType(body)) {
                errors.reply(null, unusableId());
            } else if (GsonErrors.isMalformed(e)) {
                errors.reply(
                        null,
                        new ResponseError(
                                ErrorCode.ParseError.code(),
                                "the message is not valid JSON: " + GsonErrors.summary(e)
                                        + "; every frame must hold one JSON-RPC 2.0 object",
                                null));
            } else if (!GsonErrors.isStrictJson(body)) {
                // lsp4j reads leniently and stumbled on the shape; the text itself is not JSON.
                errors.reply(
                        null,
                        new ResponseError(
                                ErrorCode.ParseError.code(),
                                "the message is not valid JSON; every frame must hold one JSON-RPC 2.0 object",
                                null));
            } else {
                errors.reply(null, notARequest());
            }
            return;
        } catch (RuntimeException e) {
            // Whatever else lsp4j trips on in one message, the reader must go on serving the next.
            LOG.warn("could not read a message: {}", e.toString());
            errors.reply(idAsSent(body), notARequest());
            return;
        }
        if (message == null) {
            errors.reply(null, notARequest());
            return;
        }
        try {
            callback.consume(message);
        } catch (MessageIssueException issue) {
            issueHandler.handle(issue.getRpcMessage(), issue.getIssues());
        } catch (RuntimeException e) {
            // Keep the reader alive whatever one message did.
            LOG.error("handling a message failed", e);
        }
    }

    /**
     * A message lsp4j could only half read. A request goes to the endpoint (which answers with its id);
     * anything else that is not JSON is a ParseError, with the id if one was read before the break.
     */
    private void unparsed(MessageIssueException issue) {
        Message message = issue.getRpcMessage();
        Throwable cause =
                issue.getIssues().isEmpty() ? null : issue.getIssues().get(0).getCause();
        if (message instanceof RequestMessage || cause == null || !GsonErrors.isMalformed(cause)) {
            issueHandler.handle(message, issue.getIssues());
            return;
        }
        Either<String, Number> id = message instanceof ResponseMessage response ? response.getRawId() : null;
        errors.reply(
                id,
                new ResponseError(
                        ErrorCode.ParseError.code(),
                        "the message is not valid JSON: " + GsonErrors.summary(cause)
                                + "; every frame must hold one JSON-RPC 2.0 object",
                        null));
    }

    private static ResponseError unusableId() {
        return new ResponseError(
                ErrorCode.InvalidRequest.code(),
                "the request id cannot be used: send a string or an "
                        + "integer from -2147483648 to 2147483647 as the id",
                null);
    }

    /** The id as the client wrote it (a number keeps its text), or null when there is none to echo. */
    private static Either<String, Number> idAsSent(byte[] body) {
        try {
            return requestId(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when the top-level "id" is a boolean, object or array: JSON-RPC allows only strings, numbers and null. */
    private static boolean hasIdOfWrongType(byte[] body) {
        try (JsonReader json =
                new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            if (json.peek() != JsonToken.BEGIN_OBJECT) return false;
            json.beginObject();
            while (json.hasNext()) {
                if (!json.nextName().equals("id")) {
                    json.skipValue();
                    continue;
                }
                JsonToken token = json.peek();
                return token == JsonToken.BOOLEAN || token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static ResponseError notARequest() {
        return new ResponseError(
                ErrorCode.InvalidRequest.code(),
                "the message is JSON but not a JSON-RPC 2.0 request "
                        + "or notification object (one object with \"jsonrpc\", \"method\" and, for a request, \"id\"; batches "
                        + "are not supported)",
                null);
    }

    private void brokenHeader(String problem) {
        if (resynchronizing) {
            LOG.warn("still no usable frame header ({}); skipping", problem);
            return;
        }
        resynchronizing = true;
        LOG.warn("broken frame header: {}; skipping input up to the next Content-Length header", problem);
        errors.reply(
                null,
                new ResponseError(
                        ErrorCode.InvalidRequest.code(),
                        "broken frame header: " + problem
                                + "; every message needs a 'Content-Length: <bytes>' header and an empty line before its JSON body. "
                                + "The server skips input up to the next Content-Length header",
                        null));
    }

    /**
     * Reads a frame's body through without keeping it, picks out its request id, and answers with an
     * error. Returns false when the input ended inside the body.
     */
    private boolean reject(int length, String reason) throws IOException {
        CountingLimit body = new CountingLimit(input, length);
        Either<String, Number> id = null;
        try {
            id = requestId(new InputStreamReader(body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.debug("no request id in a rejected frame: {}", e.getMessage());
        }
        byte[] sink = new byte[64 * 1024];
        while (body.read(sink, 0, sink.length) >= 0) {
            // dropped
        }
        if (body.remainingBytes() > 0) {
            LOG.warn("the input ended inside a rejected message of {} bytes; closing the connection", length);
            return false;
        }
        LOG.warn("rejected a frame of {} bytes (request id {}): {}", length, id == null ? "unknown" : id.get(), reason);
        errors.reply(id, new ResponseError(ErrorCode.InvalidRequest.code(), reason, null));
        return true;
    }

    /** The top-level "id" of a JSON-RPC object, read as a stream: values before it are skipped, not kept. */
    private static Either<String, Number> requestId(Reader reader) throws IOException {
        JsonReader json = new JsonReader(reader);
        json.beginObject();
        while (json.hasNext()) {
            if (!json.nextName().equals("id")) {
                json.skipValue();
                continue;
            }
            if (json.peek() == JsonToken.NUMBER) {
                String number = json.nextString();
                return Either.forRight(JsonParser.parseString(number).getAsNumber());
            }
            return json.peek() == JsonToken.STRING ? Either.forLeft(json.nextString()) : null;
        }
        return null;
    }

    /** Reads one header block; null at the end of input. */
    private Header readHeader() throws IOException {
        Header header = new Header();
        boolean sawLine = false;
        while (true) {
            Line line = readLine();
            if (line == null) {
                if (sawLine) LOG.warn("the input ended inside a frame header");
                return null;
            }
            header.strayBytes += line.droppedChars;
            if (line.text.isEmpty() && line.droppedChars == 0) {
                if (!sawLine) continue; // blank lines between frames are harmless
                break;
            }
            sawLine = true;
            String lower = line.text.toLowerCase(Locale.ROOT);
            int marker = lower.lastIndexOf(CONTENT_LENGTH);
            if (marker >= 0) {
                header.strayBytes += marker;
                contentLength(
                        line.text.substring(marker + CONTENT_LENGTH.length()).trim(), header);
            } else if (lower.startsWith(CONTENT_TYPE)) {
                int charset = lower.indexOf("charset=");
                String name = charset < 0
                        ? "utf-8"
                        : lower.substring(charset + 8).replace("\"", "").trim();
                if (!name.equals("utf-8") && !name.equals("utf8")) {
                    header.charsetProblem = "charset '" + name + "' is not supported; send UTF-8";
                }
            } else if (!line.text.matches("[A-Za-z0-9-]+:.*")) {
                header.strayBytes += line.text.length();
            }
        }
        return header;
    }

    private static void contentLength(String value, Header header) {
        try {
            long length = Long.parseLong(value);
            if (length < 0) throw new NumberFormatException();
            header.contentLength = length;
            header.lengthProblem = null;
        } catch (NumberFormatException e) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            header.contentLength = -1;
            header.lengthProblem = "Content-Length '" + shown + "' is not a byte count";
        }
    }

    /** One header line (bytes as ISO-8859-1 chars, CR dropped); null at the end of input. */
    private Line readLine() throws IOException {
        StringBuilder text = new StringBuilder();
        long dropped = 0;
        boolean any = false;
        while (true) {
            int b = input.read();
            if (b < 0) return any ? new Line(text.toString(), dropped) : null;
            any = true;
            if (b == '\n') return new Line(text.toString(), dropped);
            if (b == '\r') continue;
            text.append((char) b);
            if (text.length() > MAX_HEADER_LINE_CHARS) {
                int cut = text.length() - KEPT_TAIL_CHARS;
                text.delete(0, cut);
                dropped += cut;
            }
        }
    }

    private static final class Header {
        long contentLength = -1;
        String lengthProblem;
        String charsetProblem;
        long strayBytes;
    }

    private record Line(String text, long droppedChars) {}

    /** lsp4j's LimitedInputStream that also tells whether the whole body arrived. */
    private static final class CountingLimit extends LimitedInputStream {
        private long remaining;

        CountingLimit(InputStream input, int length) {
            super(input, length, false);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) remaining -= count;
            return count;
        }

        long remainingBytes() {
            return remaining;
        }
    }
}
