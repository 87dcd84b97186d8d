package com.productos.mcp;

import com.productos.app.Backend;
import com.productos.control.ControlPlane;
import com.productos.mcp.http.HttpMcpHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real backend on a temporary workspace served by {@code mcp --http}'s host on 127.0.0.1 and a free
 * port, with a generated token. The marketing executor is the test's {@link SlowExecutor}.
 */
final class HttpMcpFixture implements AutoCloseable {
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    final SlowExecutor marketing;
    final Backend backend;
    final ProductOsMcpServer server;
    final HttpMcpHost host;
    final String token;

    HttpMcpFixture(Path workspace) throws Exception {
        marketing = new SlowExecutor();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PRODUCTOS_EXECUTOR_MARKETING_URL", marketing.url());
        environment.put("PRODUCTOS_EXECUTOR_MARKETING_AUTH", "none");
        backend = Backend.open(workspace, environment);
        Path tokenFile = backend.workspace().dataDir().resolve("mcp-http-token");
        token = McpTokenFile.loadOrCreate(tokenFile).value();
        server = new ProductOsMcpServer(backend.controlPlane(), backend.policy(), Duration.ofSeconds(60));
        host = HttpMcpHost.start(
                server, new HttpMcpHost.Settings("127.0.0.1", 0, token, tokenFile, List.of(), MAX_BODY_BYTES));
    }

    String url() {
        return host.url();
    }

    ControlPlane controlPlane() {
        return backend.controlPlane();
    }

    @Override
    public void close() throws Exception {
        try {
            host.close();
        } finally {
            marketing.close();
            backend.close();
        }
    }
}
