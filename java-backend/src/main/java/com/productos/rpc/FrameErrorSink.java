package com.productos.rpc;

import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/** Where the frame reader sends an error for a frame that never became a message (id null when unknown). */
interface FrameErrorSink {
    void reply(Either<String, Number> idOrNull, ResponseError error);
}
