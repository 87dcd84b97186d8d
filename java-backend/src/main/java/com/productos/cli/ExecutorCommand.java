package com.productos.cli;

import com.productos.app.Contracts;
import com.productos.app.ExecutorCatalog;
import com.productos.app.ExecutorModules;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorModule;
import com.productos.executorserver.ExecutorServer;
import com.productos.executorserver.ExecutorServerSettings;
import com.productos.executorserver.InboundAuth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos executor}: serves executors over HTTP for a remote control plane, as on Cloud Run
 * (which sets PORT). The bearer token comes from an environment variable, never from the command line,
 * so it does not show in process listings.
 */
@Command(name = "executor", description = "Serve the registry's executor paths over HTTP (Jetty).")
final class ExecutorCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port to listen on (default: $PORT, else 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind; 0.0.0.0 in a container.")
    String host;

    @Option(
            names = "--executors",
            split = ",",
            paramLabel = "NAME",
            description = "Only these executors (default: all).")
    Set<String> only;

    @Option(
            names = "--token-env",
            defaultValue = "PRODUCTOS_EXECUTOR_TOKEN",
            description = "Variable holding the bearer token callers must send.")
    String tokenEnv;

    @Option(
            names = "--no-auth",
            description =
                    "Accept calls without a token: only behind Cloud Run IAM (run.invoker) or another authenticating proxy.")
    boolean noAuth;

    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description = "Folder for the executors' embedded state (default: current folder).")
    Path workspace = Path.of(".");

    @Override
    public Integer call() throws Exception {
        InboundAuth auth;
        String token = System.getenv(tokenEnv);
        if (noAuth) {
            auth = InboundAuth.none();
        } else if (token == null || token.isBlank()) {
            throw new CliFailure(
                    ExitCodes.USAGE,
                    "set " + tokenEnv
                            + " to the bearer token callers will send, or pass --no-auth behind Cloud Run IAM");
        } else {
            auth = InboundAuth.bearer(token);
        }
        int listenPort = port != null ? port : parsePort(System.getenv("PORT"));
        Workspace opened = Workspace.open(workspace);
        ProductOsConfig config = ProductOsConfig.load(opened, System.getenv());
        ExecutorEnvironment environment =
                new ExecutorEnvironment(opened, Contracts.registry(opened), config, Clock.systemUTC());
        List<ExecutorModule> modules = ExecutorModules.createAll(
                environment, ExecutorCatalog.embedded(), name -> only == null || only.contains(name));
        try {
            if (modules.isEmpty())
                throw new CliFailure(ExitCodes.USAGE, "--executors " + only + " names no known executor");
            ExecutorServerSettings settings =
                    ExecutorServerSettings.loopback(auth).withHost(host).withPort(listenPort);
            try (ExecutorServer server =
                    ExecutorServer.newServer(settings, modules).start()) {
                LoggerFactory.getLogger(ExecutorCommand.class)
                        .info("executors {} listening on {}", server.executorNames(), server.uri());
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        } finally {
            modules.forEach(ExecutorModules::closeQuietly);
        }
        return ExitCodes.OK;
    }

    private static int parsePort(String text) {
        if (text == null || text.isBlank()) return 8080;
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CliFailure(ExitCodes.USAGE, "PORT='" + text + "' is not a port number");
        }
    }
}
