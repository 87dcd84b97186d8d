package com.productos.bench;

import com.productos.app.EmbeddedExecutors;
import com.productos.common.SqliteDatabase;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ControlPlane;
import com.productos.control.ExecutorInvoker;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.json.Json;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import com.productos.rpc.RpcServer;
import com.productos.rpc.RpcServerOptions;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStore;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.testing.JsonRpcWireClient;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one runs/start costs over the stdio protocol (LSP framing on piped streams, the real RPC
 * server, control plane, SQLite store, ExecutorHttpClient and embedded executor server), and how
 * often the tool's input is serialised on its way.
 *
 * <p>Serialisations of the input per runs/start, counted where they happen:
 * <ul>
 *   <li>frames the client receives that carry the input (the reply and every notification of the
 *       run): counted from the bytes on the wire. Each such frame is one serialisation by lsp4j's
 *       Gson, plus one JsonBridge.toWire text round trip (Jackson writes, Gson parses) when the
 *       server converts the input as text (the code before inputs crossed the boundary once);
 *   <li>store writes of the input (RunStore.insert writes it; update does not): counted by a store
 *       decorator;
 *   <li>executor request bodies: counted by an invoker decorator (ExecutorHttpClient writes the
 *       body once per invoke);
 *   <li>the canonical text hashed for the input hash: one per start;
 *   <li>the inbound Gson-to-Jackson crossing: one Gson text serialisation when it goes as text.
 * </ul>
 * The last two and the bridge's share are read from the code, the rest is counted at run time.
 *
 * <p>Run from java-backend/:
 * {@code mvn -B -q -o test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.mainClass=com.productos.bench.RunStartBenchmark -Dexec.classpathScope=test}
 * (arguments: "text" when the server crosses JSON as text (before), "tree" when it converts trees
 * (after); then warm-up and measured calls, default 300 1000).
 */
public final class RunStartBenchmark {
    private static final String MARKER = "bench-profile-5c1e";

    private RunStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean bridgeAsText = args.length == 0 || !args[0].equals("tree");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        PrintStream out = System.out; // a harness of its own: its table is its output
        Path dir = Files.createTempDirectory("productos-runstart-bench");
        ToolRegistry registry = new RegistryLoader().loadBundled();
        ProductOsConfig config = ProductOsConfig.empty();
        Clock clock = Clock.systemUTC();
        ExecutorEnvironment environment = new ExecutorEnvironment(Workspace.open(dir), registry, config, clock);
        ExecutorService worker = Executors.newFixedThreadPool(2);
        ExecutorService blockingWork = Executors.newFixedThreadPool(2);
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("productos.db"));
                EmbeddedExecutors executors = EmbeddedExecutors.start(environment);
                ExecutorHttpClient http = ExecutorHttpClient.create(executors.resolver(), config)) {
            JsonNode profile = Json.parse(Files.readString(Path.of("../test-fixtures/brand/complete-profile.json")));
            ObjectNode patch = Json.object().put("profile_id", MARKER);
            patch.set("patch", profile);
            CountingRunStore store = new CountingRunStore(new SqliteRunStore(database, clock));
            AtomicInteger invokes = new AtomicInteger();
            ExecutorInvoker invoker = (tool, run) -> {
                invokes.incrementAndGet();
                return http.invoke(tool, run);
            };
            ControlPlane controlPlane = new ControlPlane(
                    registry,
                    new PolicyLoader().loadBundled(),
                    store,
                    new SqliteApprovalStore(database),
                    invoker,
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
                JsonNode stored = startAndWait(client, "brand.update_profile", patch, null);
                if (!"succeeded".equals(stored.path("status").asString())) {
                    throw new IllegalStateException("storing the bench profile failed: " + stored);
                }
                ObjectNode input = Json.object().put("profile_id", MARKER);

                // One counted call.
                store.inserts.set(0);
                invokes.set(0);
                int[] framesWithInput = new int[1];
                JsonNode done = startAndWait(client, "brand.get_profile", input, framesWithInput);
                if (!"succeeded".equals(done.path("status").asString()))
                    throw new IllegalStateException("call failed: " + done);
                int wireFrames = framesWithInput[0];
                int bridge = bridgeAsText ? wireFrames + 1 : 0;
                int storeWrites = store.inserts.get();
                int executorBodies = invokes.get();
                int total = 1 + bridge + storeWrites + executorBodies + wireFrames;

                long[] listNanos = time(warmup * 3, measured * 2, () -> client.call("registry/listTools", null));
                long[] startNanos =
                        time(warmup, measured, () -> startAndWait(client, "brand.get_profile", input, null));
                long[] replyNanos = new long[measured];
                for (int i = 0; i < measured; i++) replyNanos[i] = replyOnly(client, input);
                Arrays.sort(replyNanos);

                out.printf(Locale.ROOT, "serialisations of the input per runs/start (brand.get_profile, succeeded)%n");
                out.printf(
                        Locale.ROOT,
                        "| wire frames with input | bridge text round trips | store writes | executor bodies | hash | total |%n");
                out.printf(
                        Locale.ROOT,
                        "| %d | %d | %d | %d | 1 | %d |%n",
                        wireFrames,
                        bridge,
                        storeWrites,
                        executorBodies,
                        total);
                out.printf(Locale.ROOT, "%nover stdio framing on piped streams, sequential, after warm-up%n");
                out.printf(Locale.ROOT, "| call | calls | p50 ms | p90 ms |%n");
                out.printf(
                        Locale.ROOT,
                        "| registry/listTools | %d | %.3f | %.3f |%n",
                        listNanos.length,
                        millis(listNanos, 0.5),
                        millis(listNanos, 0.9));
                out.printf(
                        Locale.ROOT,
                        "| runs/start (until its reply) | %d | %.3f | %.3f |%n",
                        replyNanos.length,
                        millis(replyNanos, 0.5),
                        millis(replyNanos, 0.9));
                out.printf(
                        Locale.ROOT,
                        "| runs/start until runs/updated succeeded | %d | %.3f | %.3f |%n",
                        startNanos.length,
                        millis(startNanos, 0.5),
                        millis(startNanos, 0.9));
            }
        } finally {
            worker.shutdownNow();
            blockingWork.shutdownNow();
        }
    }

    /** Starts a run and reads notifications until its terminal runs/updated; returns the run as last seen. */
    private static JsonNode startAndWait(JsonRpcWireClient client, String tool, JsonNode input, int[] framesWithInput)
            throws Exception {
        ObjectNode params = Json.object().put("tool", tool);
        params.set("input", input);
        JsonNode reply = client.call("runs/start", params);
        JsonNode run = reply.get("result");
        if (run == null) throw new IllegalStateException("runs/start failed: " + reply);
        String runId = run.get("id").asString();
        if (framesWithInput != null && run.has("input")) framesWithInput[0]++;
        while (!terminal(run.path("status").asString())) {
            JsonNode message = client.nextNotification(30_000);
            if (message == null) throw new IllegalStateException("no notification for run " + runId);
            JsonNode update = message.path("params");
            if (!"runs/updated".equals(message.path("method").asString())
                    || !runId.equals(update.path("id").asString())) {
                continue;
            }
            if (framesWithInput != null && update.has("input")) framesWithInput[0]++;
            run = update;
        }
        return run;
    }

    /** The time to the runs/start reply alone; the run is then awaited outside the measured span. */
    private static long replyOnly(JsonRpcWireClient client, JsonNode input) throws Exception {
        ObjectNode params = Json.object().put("tool", "brand.get_profile");
        params.set("input", input);
        long started = System.nanoTime();
        JsonNode reply = client.call("runs/start", params);
        long nanos = System.nanoTime() - started;
        String runId = reply.get("result").get("id").asString();
        while (true) {
            JsonNode message = client.nextNotification(30_000);
            if (message == null) throw new IllegalStateException("no notification for run " + runId);
            JsonNode update = message.path("params");
            if (runId.equals(update.path("id").asString())
                    && terminal(update.path("status").asString())) return nanos;
        }
    }

    private static boolean terminal(String status) {
        return List.of("succeeded", "failed", "denied", "cancelled", "interrupted")
                .contains(status);
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static long[] time(int warmup, int measured, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) call.call();
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long started = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double millis(long[] sorted, double quantile) {
        int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1));
        return sorted[index] / 1e6;
    }

    /** The SQLite store, counting the writes that serialise a run's input (inserts). */
    private static final class CountingRunStore implements RunStore {
        final AtomicInteger inserts = new AtomicInteger();
        private final RunStore delegate;

        CountingRunStore(RunStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(Run run, String ownerId) {
            inserts.incrementAndGet();
            delegate.insert(run, ownerId);
        }

        @Override
        public boolean update(Run run) {
            return delegate.update(run);
        }

        @Override
        public Optional<Run> get(String runId) {
            return delegate.get(runId);
        }

        @Override
        public Optional<Run> getWithLogs(String runId) {
            return delegate.getWithLogs(runId);
        }

        @Override
        public RunPage list(RunQuery query) {
            return delegate.list(query);
        }

        @Override
        public RunLogLine appendLog(String runId, String severity, String text) {
            return delegate.appendLog(runId, severity, text);
        }

        @Override
        public List<RunLogLine> logs(String runId, long afterSequence, int limit) {
            return delegate.logs(runId, afterSequence, limit);
        }

        @Override
        public Optional<Run> findByIdempotencyKey(String tool, String idempotencyKey) {
            return delegate.findByIdempotencyKey(tool, idempotencyKey);
        }

        @Override
        public int interruptOrphans(Predicate<String> ownerAlive) {
            return delegate.interruptOrphans(ownerAlive);
        }
    }
}
