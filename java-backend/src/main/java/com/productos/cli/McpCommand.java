package com.productos.cli;

import com.productos.app.Backend;
import com.productos.config.Workspace;
import com.productos.mcp.ProductOsMcpServer;
import com.productos.mcp.stdio.StdioMcpHost;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos mcp --stdio | --http [--port N]}: the tool registry for any MCP client, every call
 * through the same control plane (actor {@code mcp}) as the editor's and the CLI's.
 */
@Command(name = "mcp", description = {
        "Serve the tool registry over the Model Context Protocol, through the control plane as actor mcp.",
        "--stdio: newline-delimited JSON-RPC on stdin/stdout (stdout carries protocol bytes only).",
        "--http: streamable HTTP on 127.0.0.1 with a bearer token kept in .productos/mcp-http-token."})
final class McpCommand implements Callable<Integer> {
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Transport transport;

    static final class Transport {
        @Option(names = "--stdio", required = true, description = "Serve on stdin/stdout.") boolean stdio;
        @Option(names = "--http", required = true, description = "Serve streamable HTTP at http://HOST:PORT/mcp.") boolean http;
    }

    @Option(names = "--port", paramLabel = "N", defaultValue = "7341", description = "HTTP port (0 picks a free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "HTTP bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", description = "A browser Origin allowed besides the loopback ones (repeatable).")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--workspace", paramLabel = "DIR", description = "Folder whose .productos/ holds runs and settings (default: current folder).")
    Path workspace = Path.of(".");

    @Option(names = "--max-call-seconds", defaultValue = "600", description = "Longest a tools/call waits for its run (default ${DEFAULT-VALUE}).")
    long maxCallSeconds;

    @Override
    public Integer call() throws Exception {
        return transport.stdio ? serveStdio() : serveHttp();
    }

    private int serveStdio() throws Exception {
        OutputStream protocolOut = StdioDiscipline.takeStdoutForProtocol();
        Workspace opened = Workspace.open(workspace);
        StdioDiscipline.teeStderrTo(opened.logsDir().resolve("mcp.log"));
        Logger log = LoggerFactory.getLogger(McpCommand.class);
        try (Backend backend = Backend.open(workspace, System.getenv());
             ProductOsMcpServer server = new ProductOsMcpServer(backend.controlPlane(), backend.policy(), Duration.ofSeconds(maxCallSeconds));
             StdioMcpHost host = StdioMcpHost.start(server, System.in, protocolOut, MAX_MESSAGE_BYTES)) {
            log.info("MCP server on stdio for {}", opened.root());
            host.inputEnded().join();
            log.info("stopping: stdin ended");
        }
        return ExitCodes.OK;
    }

    private int serveHttp() throws Exception {
        throw new CliFailure(ExitCodes.USAGE, "--http is not available yet");
    }
}
