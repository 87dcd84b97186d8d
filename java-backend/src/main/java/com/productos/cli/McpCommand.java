package com.productos.cli;

import com.productos.app.Backend;
import com.productos.config.Workspace;
import com.productos.mcp.McpTokenFile;
import com.productos.mcp.ProductOsMcpServer;
import com.productos.mcp.http.HttpMcpHost;
import com.productos.mcp.stdio.StdioMcpHost;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos mcp --stdio | --http [--port N]}: the tool registry for any MCP client, every call
 * through the same control plane (actor {@code mcp}) as the editor's and the CLI's.
 */
@Command(
        name = "mcp",
        description = {
            "Serve the tool registry over the Model Context Protocol, through the control plane as actor mcp.",
            "--stdio: newline-delimited JSON-RPC on stdin/stdout (stdout carries protocol bytes only).",
            "--http: streamable HTTP on 127.0.0.1 with a bearer token kept in .productos/mcp-http-token."
        })
final class McpCommand implements Callable<Integer> {
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    static final String TOKEN_FILE = "mcp-http-token";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Transport transport;

    static final class Transport {
        @Option(names = "--stdio", required = true, description = "Serve on stdin/stdout.")
        boolean stdio;

        @Option(names = "--http", required = true, description = "Serve streamable HTTP at http://HOST:PORT/mcp.")
        boolean http;
    }

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "7341",
            description = "HTTP port (0 picks a free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "HTTP bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--allow-origin",
            paramLabel = "ORIGIN",
            description = "A browser Origin allowed besides the loopback ones (repeatable).")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description = "Folder whose .productos/ holds runs and settings (default: current folder).")
    Path workspace = Path.of(".");

    @Option(
            names = "--max-call-seconds",
            defaultValue = "600",
            description = "Longest a tools/call waits for its run (default ${DEFAULT-VALUE}).")
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
                ProductOsMcpServer server = new ProductOsMcpServer(
                        backend.controlPlane(), backend.policy(), Duration.ofSeconds(maxCallSeconds));
                StdioMcpHost host = StdioMcpHost.start(server, System.in, protocolOut, MAX_MESSAGE_BYTES)) {
            log.info("MCP server on stdio for {}", opened.root());
            host.inputEnded().join();
            log.info("stopping: stdin ended");
        }
        return ExitCodes.OK;
    }

    private int serveHttp() throws Exception {
        Workspace opened = Workspace.open(workspace);
        // The console's stderr, taken before the log-file tee, so the token never lands in mcp.log.
        PrintStream console = System.err;
        StdioDiscipline.teeStderrTo(opened.logsDir().resolve("mcp.log"));
        Logger log = LoggerFactory.getLogger(McpCommand.class);
        Path tokenFile = opened.dataDir().resolve(TOKEN_FILE);
        McpTokenFile.Token token = McpTokenFile.loadOrCreate(tokenFile);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                stopped.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "productos-mcp-stop"));
        try (Backend backend = Backend.open(workspace, System.getenv());
                ProductOsMcpServer server = new ProductOsMcpServer(
                        backend.controlPlane(), backend.policy(), Duration.ofSeconds(maxCallSeconds));
                HttpMcpHost host = HttpMcpHost.start(
                        server,
                        new HttpMcpHost.Settings(
                                this.host, port, token.value(), tokenFile, allowedOrigins, MAX_MESSAGE_BYTES))) {
            // stderr only: the token is shown once, when it is generated, and never written to the log file.
            if (token.generated()) {
                console.println("productos mcp: bearer token (shown once; kept owner-only in " + tokenFile + "): "
                        + token.value());
            } else {
                console.println(
                        "productos mcp: bearer token in " + tokenFile + " (delete the file to generate a new one)");
            }
            console.println("productos mcp: listening on " + host.url());
            console.flush();
            log.info("MCP server on {} for {}", host.url(), opened.root());
            stop.await();
            log.info("stopping");
        } finally {
            stopped.countDown();
        }
        return ExitCodes.OK;
    }
}
