package com.productos.rpc;

import com.productos.control.ErrorCode;
import com.productos.rpc.protocol.ApprovalRequestedParams;
import com.productos.rpc.protocol.RunInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes outbound messages with LSP framing (in place of lsp4j's StreamMessageConsumer), and keeps
 * every frame within the limit the server advertised, as it asks of its client. A run (an answer
 * or a notification) that would not fit is sent without its bulk (input, output, error details,
 * logs), naming what it left out in {@code omitted}; any other answer that would not fit is an
 * error saying so; anything else that cannot fit is dropped and logged.
 */
final class FrameWriter implements MessageConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(FrameWriter.class);
    private final OutputStream output;
    private final MessageJsonHandler json;
    private final long maxMessageBytes;
    private final Object writing = new Object();

    FrameWriter(OutputStream output, MessageJsonHandler json, long maxMessageBytes) {
        this.output = output;
        this.json = json;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void consume(Message message) {
        byte[] body = json.serialize(message).getBytes(StandardCharsets.UTF_8);
        if (body.length > maxMessageBytes) {
            Message smaller = withinLimit(message, body.length);
            byte[] smallerBody =
                    smaller == null ? null : json.serialize(smaller).getBytes(StandardCharsets.UTF_8);
            if (smallerBody == null || smallerBody.length > maxMessageBytes) {
                LOG.warn(
                        "dropped an outbound message of {} bytes, over the {}-byte frame limit",
                        body.length,
                        maxMessageBytes);
                return;
            }
            body = smallerBody;
        }
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (writing) {
            try {
                output.write(header);
                output.write(body);
                output.flush();
            } catch (IOException e) {
                throw new JsonRpcException(e);
            }
        }
    }

    private Message withinLimit(Message message, int bytes) {
        if (message instanceof ResponseMessage response && response.getResult() instanceof RunInfo run) {
            ResponseMessage smaller = new ResponseMessage();
            smaller.setJsonrpc(response.getJsonrpc());
            smaller.setRawId(response.getRawId());
            smaller.setResult(run.withoutBulk());
            return smaller;
        }
        if (message instanceof ResponseMessage response && response.getError() == null) {
            ResponseMessage error = new ResponseMessage();
            error.setJsonrpc(response.getJsonrpc());
            error.setRawId(response.getRawId());
            error.setError(new ResponseError(
                    ErrorCode.InternalError.code(),
                    "the answer is " + bytes
                            + " bytes, over the " + maxMessageBytes + "-byte frame limit of this server; ask for less "
                            + "(a smaller limit, or a run whose input and output are smaller)",
                    null));
            return error;
        }
        if (message instanceof NotificationMessage notification) {
            Object slim;
            if (notification.getParams() instanceof RunInfo run) {
                slim = run.withoutBulk();
            } else if (notification.getParams() instanceof ApprovalRequestedParams requested) {
                slim = new ApprovalRequestedParams(
                        requested.approval(), requested.run().withoutBulk());
            } else {
                return null;
            }
            NotificationMessage smaller = new NotificationMessage();
            smaller.setJsonrpc(notification.getJsonrpc());
            smaller.setMethod(notification.getMethod());
            smaller.setParams(slim);
            return smaller;
        }
        return null;
    }
}
