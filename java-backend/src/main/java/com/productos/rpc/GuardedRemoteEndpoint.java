package com.productos.rpc;

import com.productos.control.ErrorCode;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageConstants;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * lsp4j's endpoint with three changes: requests after {@code shutdown} are refused with InvalidRequest;
 * a request whose params do not bind (wrong JSON types) is InvalidParams naming the field instead of
 * lsp4j's ParseError carrying the Java exception; and frames that never became a message can still be
 * answered (id null when unknown).
 */
final class GuardedRemoteEndpoint extends RemoteEndpoint implements FrameErrorSink {
    private final MessageConsumer out;
    private final AtomicBoolean shutDown;

    GuardedRemoteEndpoint(
            MessageConsumer out,
            Endpoint localEndpoint,
            Function<Throwable, ResponseError> exceptionHandler,
            AtomicBoolean shutDown) {
        super(out, localEndpoint, exceptionHandler);
        this.out = out;
        this.shutDown = shutDown;
    }

    @Override
    protected void handleRequest(RequestMessage request) {
        if (shutDown.get()) {
            out.consume(createErrorResponseMessage(
                    request,
                    new ResponseError(
                            ErrorCode.InvalidRequest.code(),
                            "the server is shutting down after a 'shutdown' request and answers no more requests; "
                                    + "send the 'exit' notification and start a new server",
                            null)));
            return;
        }
        super.handleRequest(request);
    }

    @Override
    protected void handleRequestIssues(RequestMessage request, List<MessageIssue> issues) {
        out.consume(createErrorResponseMessage(request, errorOf(issues)));
    }

    @Override
    public void reply(Either<String, Number> idOrNull, ResponseError error) {
        ResponseMessage response = new ResponseMessage();
        response.setJsonHandler(getJsonHandler());
        response.setJsonrpc(MessageConstants.JSONRPC_VERSION);
        response.setRawId(idOrNull);
        response.setError(error);
        out.consume(response);
    }

    private static ResponseError errorOf(List<MessageIssue> issues) {
        MessageIssue issue = issues.get(0);
        Throwable cause = issue.getCause();
        if (issue.getIssueCode() == ResponseErrorCode.ParseError.getValue() && cause != null) {
            if (GsonErrors.isMalformed(cause)) {
                return new ResponseError(
                        ErrorCode.ParseError.code(),
                        "the message is not valid JSON: " + GsonErrors.summary(cause),
                        null);
            }
            return new ResponseError(ErrorCode.InvalidParams.code(), GsonErrors.describeField(cause), null);
        }
        StringBuilder text = new StringBuilder();
        for (MessageIssue each : issues) {
            if (text.length() > 0) text.append("; ");
            text.append(each.getText());
        }
        return new ResponseError(issue.getIssueCode(), text.toString(), null);
    }
}
