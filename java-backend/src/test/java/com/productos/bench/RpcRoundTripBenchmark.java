package com.productos.bench;

import com.productos.common.SqliteDatabase;
import com.productos.control.ControlPlane;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.rpc.RpcServer;
import com.productos.rpc.RpcServerOptions;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.testing.JsonRpcWireClient;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * registry/listTools round trip through the real RPC server (lsp4j, LSP framing, Gson) over piped
 * streams in one process, measured from a framed client written without lsp4j: p50 and p99 of
 * {@code MEASURED_CALLS} sequential calls after {@code WARMUP_CALLS}. Process start time is measured
 * elsewhere, against the real jar.
 *
 * <p>Run it from the repository root:
 * <pre>
 * cd java-backend && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *   && java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" com.productos.bench.RpcRoundTripBenchmark
 * </pre>
 */
public final class RpcRoundTripBenchmark {
    private static final int WARMUP_CALLS = 3_000;
    private static final int MEASURED_CALLS = 2_000;

    private RpcRoundTripBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path workspace = Files.createTempDirectory("productos-bench");
        ExecutorService worker = Executors.newFixedThreadPool(2);
        ExecutorService blockingWork = Executors.newFixedThreadPool(2);
        try (SqliteDatabase database = SqliteDatabase.open(workspace.resolve("productos.db"))) {
            Clock clock = Clock.systemUTC();
            ControlPlane controlPlane = new ControlPlane(
                    new RegistryLoader().loadBundled(),
                    new PolicyLoader().loadBundled(),
                    new SqliteRunStore(database, clock),
                    new SqliteApprovalStore(database),
                    (tool, run) -> CompletableFuture.failedFuture(new ExecutorCallException(
                            ErrorCode.ExecutorUnavailable, "no executors in this benchmark", null)),
                    clock,
                    "bench",
                    worker);
            PipedOutputStream clientOut = new PipedOutputStream();
            PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 20);
            PipedOutputStream serverOut = new PipedOutputStream();
            PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
            RpcServerOptions options = RpcServerOptions.defaults().withParentWatch(false, Duration.ofSeconds(3));
            try (RpcServer server =
                            RpcServer.start(controlPlane, serverIn, serverOut, blockingWork, () -> {}, options);
                    JsonRpcWireClient client = new JsonRpcWireClient(clientIn, clientOut)) {
                client.call("initialize", null);
                JsonNode first = client.call("registry/listTools", null);
                int tools = first.get("result").get("tools").size();
                int responseBytes = com.productos.json.Json.write(first).length();
                for (int i = 0; i < WARMUP_CALLS; i++) client.call("registry/listTools", null);
                long[] nanos = new long[MEASURED_CALLS];
                for (int i = 0; i < MEASURED_CALLS; i++) {
                    long start = System.nanoTime();
                    JsonNode answer = client.call("registry/listTools", null);
                    nanos[i] = System.nanoTime() - start;
                    if (!answer.has("result")) throw new IllegalStateException("listTools failed: " + answer);
                }
                Arrays.sort(nanos);
                System.err.printf(
                        Locale.ROOT,
                        "registry/listTools round trip over piped streams (%d tools, ~%d bytes per answer)%n",
                        tools,
                        responseBytes);
                System.err.printf(Locale.ROOT, "| calls | p50 ms | p90 ms | p99 ms | max ms |%n");
                System.err.printf(
                        Locale.ROOT,
                        "| %d | %.3f | %.3f | %.3f | %.3f |%n",
                        MEASURED_CALLS,
                        millis(nanos, 0.50),
                        millis(nanos, 0.90),
                        millis(nanos, 0.99),
                        nanos[nanos.length - 1] / 1e6);
            }
        } finally {
            worker.shutdownNow();
            blockingWork.shutdownNow();
        }
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
