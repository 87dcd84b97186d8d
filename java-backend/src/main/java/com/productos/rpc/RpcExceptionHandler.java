package com.productos.rpc;

import com.productos.common.Futures;
import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.rpc.protocol.JsonBridge;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a request handler threw into the error the client sees. Control-plane refusals keep
 * their code, message and data; bad parameters are InvalidParams; anything else is an InternalError
 * with a generic message and a reference, while the stack trace goes to the log only. (lsp4j's default
 * handler would put the stack trace into the response.)
 */
final class RpcExceptionHandler implements Function<Throwable, ResponseError> {
    private static final Logger LOG = LoggerFactory.getLogger(RpcExceptionHandler.class);

    @Override
    public ResponseError apply(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof ToolCallException refused) {
            return new ResponseError(refused.code().code(), refused.getMessage(), JsonBridge.toWire(refused.data()));
        }
        if (cause instanceof ResponseErrorException answered) {
            ResponseError error = answered.getResponseError();
            if (error.getCode() == ResponseErrorCode.MethodNotFound.getValue()) {
                return new ResponseError(ErrorCode.MethodNotFound.code(), methodNotFound(error.getMessage()), null);
            }
            return error;
        }
        if (cause instanceof IllegalArgumentException invalid) {
            return new ResponseError(ErrorCode.InvalidParams.code(), invalid.getMessage(), null);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("request failed (reference {})", reference, cause);
        return new ResponseError(
                ErrorCode.InternalError.code(),
                "the backend failed while handling the request; its log has the details (reference " + reference + ")",
                null);
    }

    private static String methodNotFound(String lsp4jMessage) {
        String prefix = "Unsupported request method: ";
        String method =
                lsp4jMessage != null && lsp4jMessage.startsWith(prefix) ? lsp4jMessage.substring(prefix.length()) : "?";
        return "no method '" + method + "'; the initialize result lists the methods this server answers";
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable cause = Futures.unwrap(thrown);
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = Futures.unwrap(cause.getCause());
        }
        return cause;
    }
}
