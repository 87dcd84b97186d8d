package com.productos.mcp.http;

import com.productos.mcp.ProductOsMcpServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code productos mcp --http}: the SDK's streamable HTTP transport (sessions, SSE streams, DELETE) as a
 * servlet on Jetty at {@code /mcp}, behind {@link McpHttpGate}. Binds 127.0.0.1 unless told otherwise.
 */
public final class HttpMcpHost implements AutoCloseable {
    public static final String PATH = "/mcp";

    private final Server jetty;
    private final ServerConnector connector;
    private final ProductOsMcpServer server;

    private HttpMcpHost(Server jetty, ServerConnector connector, ProductOsMcpServer server) {
        this.jetty = jetty;
        this.connector = connector;
        this.server = server;
    }

    /** Settings of one HTTP host; {@code port} 0 picks a free port. */
    public record Settings(
            String bindHost, int port, String token, Path tokenFile, List<String> allowedOrigins, int maxBodyBytes) {}

    public static HttpMcpHost start(ProductOsMcpServer server, Settings settings) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(ProductOsMcpServer.jsonMapper())
                .mcpEndpoint(PATH)
                .maxRequestSize(settings.maxBodyBytes())
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        server.start(transport);

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("productos-mcp-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(settings.bindHost());
        connector.setPort(settings.port());
        jetty.addConnector(connector);

        Set<String> extraHosts = new HashSet<>();
        InetAddress bound = InetAddress.getByName(settings.bindHost());
        if (!bound.isLoopbackAddress() && !bound.isAnyLocalAddress())
            extraHosts.add(settings.bindHost().toLowerCase());
        ServletContextHandler context = new ServletContextHandler();
        // The SDK answers long calls as server-sent events from another thread: both need async support.
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, PATH);
        FilterHolder gate = new FilterHolder(new McpHttpGate(
                server.inbound(),
                settings.token(),
                settings.tokenFile(),
                Set.copyOf(settings.allowedOrigins()),
                extraHosts,
                settings.maxBodyBytes()));
        gate.setAsyncSupported(true);
        context.addFilter(gate, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.setStopTimeout(2000);
        jetty.start();
        return new HttpMcpHost(jetty, connector, server);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return "http://" + host + ":" + port() + PATH;
    }

    @Override
    public void close() throws Exception {
        server.close();
        jetty.stop();
    }
}
