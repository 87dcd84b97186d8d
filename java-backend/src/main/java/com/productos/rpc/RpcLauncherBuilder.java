package com.productos.rpc;

import com.productos.rpc.protocol.ProductOsClient;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

/**
 * lsp4j's launcher builder with our parts put in: the {@link GuardedRemoteEndpoint} in place of
 * RemoteEndpoint, the size-limited {@link FrameReader} in place of StreamMessageProducer and the
 * size-keeping {@link FrameWriter} in place of StreamMessageConsumer. JSON handling
 * (MessageJsonHandler) and dispatch stay lsp4j's.
 */
final class RpcLauncherBuilder extends Launcher.Builder<ProductOsClient> {
    private final AtomicBoolean shutDown;
    private final long maxMessageBytes;
    private GuardedRemoteEndpoint endpoint;

    RpcLauncherBuilder(AtomicBoolean shutDown, long maxMessageBytes) {
        this.shutDown = shutDown;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Launcher<ProductOsClient> create() {
        if (input == null
                || output == null
                || localServices == null
                || remoteInterfaces == null
                || executorService == null
                || exceptionHandler == null) {
            throw new IllegalStateException("input, output, local services, remote interface, executor service and "
                    + "exception handler must all be set");
        }
        MessageJsonHandler jsonHandler = createJsonHandler();
        RemoteEndpoint remoteEndpoint = createRemoteEndpoint(jsonHandler);
        ProductOsClient remoteProxy = createProxy(remoteEndpoint);
        FrameReader reader = new FrameReader(input, jsonHandler, endpoint, endpoint, maxMessageBytes);
        MessageConsumer messageConsumer = wrapMessageConsumer(remoteEndpoint);
        ConcurrentMessageProcessor processor = createMessageProcessor(reader, messageConsumer, remoteProxy);
        return createLauncher(executorService, remoteProxy, remoteEndpoint, processor);
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
        MessageConsumer outgoing = wrapMessageConsumer(new FrameWriter(output, jsonHandler, maxMessageBytes));
        Endpoint localEndpoint = ServiceEndpoints.toEndpoint(localServices);
        endpoint = new GuardedRemoteEndpoint(outgoing, localEndpoint, exceptionHandler, shutDown);
        jsonHandler.setMethodProvider(endpoint);
        endpoint.setJsonHandler(jsonHandler);
        return endpoint;
    }
}
