package com.productos.mcp.stdio;

import com.productos.mcp.InboundFilter;
import com.productos.mcp.InboundMessage;
import com.productos.mcp.ProductOsMcpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code productos mcp --stdio}: newline-delimited JSON-RPC on stdin/stdout. A reader thread takes each
 * line from stdin, passes it through the inbound filter (malformed messages are answered here and never
 * reach the SDK; cancellations cancel runs) and hands the rest to the SDK's stdio transport.
 */
public final class StdioMcpHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StdioMcpHost.class);
    /** One transport session, so every request id belongs to it. */
    static final String SESSION_KEY = "stdio";

    private final InputStream in;
    private final LineAtomicOutputStream out;
    private final InboundFilter filter;
    private final int maxMessageBytes;
    private final MessageQueueInputStream toSdk = new MessageQueueInputStream();
    private final CompletableFuture<Void> inputEnded = new CompletableFuture<>();
    private final ProductOsMcpServer server;

    private StdioMcpHost(ProductOsMcpServer server, InputStream in, OutputStream out, int maxMessageBytes) {
        this.server = server;
        this.in = in;
        this.out = new LineAtomicOutputStream(out);
        this.filter = server.inbound();
        this.maxMessageBytes = maxMessageBytes;
    }

    public static StdioMcpHost start(ProductOsMcpServer server, InputStream in, OutputStream out, int maxMessageBytes) {
        StdioMcpHost host = new StdioMcpHost(server, in, out, maxMessageBytes);
        server.start(new StdioServerTransportProvider(ProductOsMcpServer.jsonMapper(), host.toSdk, host.out));
        Thread reader = new Thread(host::readLoop, "productos-mcp-stdin");
        reader.setDaemon(true);
        reader.start();
        return host;
    }

    /** Completes when stdin ends (the client closed it or went away). */
    public CompletableFuture<Void> inputEnded() {
        return inputEnded;
    }

    private void readLoop() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean oversized = false;
        try {
            byte[] buffer = new byte[64 * 1024];
            int count;
            while ((count = in.read(buffer)) >= 0) {
                for (int i = 0; i < count; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (oversized) refuseOversized();
                        else handle(line.toByteArray());
                        line.reset();
                        oversized = false;
                    } else if (!oversized) {
                        if (line.size() >= maxMessageBytes) {
                            oversized = true;
                            line.reset();
                        } else {
                            line.write(b);
                        }
                    }
                }
            }
            if (line.size() > 0) handle(line.toByteArray());
        } catch (IOException e) {
            LOG.info("stdin closed: {}", e.getMessage());
        } finally {
            toSdk.end();
            inputEnded.complete(null);
        }
    }

    private void handle(byte[] raw) throws IOException {
        int length = raw.length;
        if (length > 0 && raw[length - 1] == '\r') length--;
        if (isBlank(raw, length)) return;
        byte[] message = length == raw.length ? raw : Arrays.copyOf(raw, length);
        InboundMessage verdict = filter.accept(message, SESSION_KEY);
        if (verdict instanceof InboundMessage.Forward forward) {
            byte[] withNewline = Arrays.copyOf(forward.json(), forward.json().length + 1);
            withNewline[withNewline.length - 1] = '\n';
            toSdk.offer(withNewline);
        } else if (verdict instanceof InboundMessage.Refuse refuse) {
            out.writeLine(refuse.json());
        }
    }

    private void refuseOversized() throws IOException {
        out.writeLine(InboundFilter.errorResponse(
                null,
                InboundFilter.INVALID_REQUEST,
                "the message is larger than " + maxMessageBytes / (1024 * 1024)
                        + " MiB and was dropped; send smaller inputs (large files go through events.import_file)"));
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') return false;
        }
        return true;
    }

    @Override
    public void close() {
        server.close();
        toSdk.end();
    }
}
