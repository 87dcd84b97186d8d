package com.productos.rpc;

import com.productos.app.EmbeddedExecutors;
import com.productos.brand.BrandAuditEntry;
import com.productos.brand.BrandExecutorModule;
import com.productos.brand.SqliteBrandProfileStore;
import com.productos.common.SqliteDatabase;
import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ControlPlane;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executorclient.GoogleIdTokens;
import com.productos.executorclient.RetryPolicy;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executorserver.ExecutorServer;
import com.productos.executorserver.ExecutorServerSettings;
import com.productos.executorserver.InboundAuth;
import com.productos.json.Json;
import com.productos.policy.Policy;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.testing.JsonRpcWireClient;
import com.productos.testing.MutableClock;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A real backend behind a real RPC server on piped streams: SQLite run and approval stores in a temp
 * workspace, the bundled registry and policy, the control plane, and the real brand executor (its
 * SQLite store in the workspace) on an embedded executor server, reached over HTTP on loopback by the
 * backend's own {@link ExecutorHttpClient}. A test that needs the executor to fail serves the brand
 * executor's paths from a module of its own on another real executor server ({@link #serveBrand}).
 * The clock stands still until a test moves it, so every timestamp on the wire is known.
 */
final class RpcFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();
    static final Policy POLICY = new PolicyLoader().loadBundled();

    final Workspace workspace;
    /** The real brand executor, embedded as the backend runs it. */
    final EmbeddedExecutors executors;
    /** Executor name to the endpoint a test moved it to. */
    private final Map<String, ExecutorEndpoint> moved = new ConcurrentHashMap<>();

    private final List<ExecutorServer> testServers = new CopyOnWriteArrayList<>();
    /** Lets handlers that hang until the test ends return, so their servers stop at once. */
    final CountDownLatch testEnded = new CountDownLatch(1);
    /** The backend's own executor client, on loopback. */
    final ExecutorHttpClient invoker;

    final SqliteDatabase database;
    final ControlPlane controlPlane;
    final RpcServer server;
    final JsonRpcWireClient client;
    final CountDownLatch exited = new CountDownLatch(1);
    final MutableClock clock = new MutableClock(NOW);
    private final ExecutorService worker = Executors.newFixedThreadPool(2);
    final ExecutorService blockingWork = Executors.newFixedThreadPool(2);

    /** Tools in {@code unreachable} point at a port nobody listens on. */
    RpcFixture(Path folder, Set<String> unreachable, Duration executorTimeout, RpcServerOptions options)
            throws IOException {
        workspace = Workspace.open(folder);
        executors = EmbeddedExecutors.start(
                new ExecutorEnvironment(workspace, REGISTRY, ProductOsConfig.empty(), clock),
                List.of(BrandExecutorModule.factory()),
                ExecutorServerSettings.loopback(InboundAuth.none()));
        URI deadPort = deadPort();
        database = SqliteDatabase.open(folder.resolve("productos.db"));
        Set<String> deadExecutors = unreachable.stream()
                .map(tool -> REGISTRY.find(tool).orElseThrow().executor().executorName())
                .collect(Collectors.toSet());
        invoker = new ExecutorHttpClient(
                name -> moved.containsKey(name)
                        ? moved.get(name)
                        : deadExecutors.contains(name)
                                ? new ExecutorEndpoint(name, deadPort, ExecutorAuth.NONE, null)
                                : executors.endpointFor(name),
                Duration.ofSeconds(2),
                executorTimeout,
                RetryPolicy.none(),
                new GoogleIdTokens(ProductOsConfig.empty()));
        controlPlane = new ControlPlane(
                REGISTRY,
                POLICY,
                new SqliteRunStore(database, clock),
                new SqliteApprovalStore(database),
                invoker,
                clock,
                "test-owner",
                worker);
        PipedOutputStream clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
        server = RpcServer.start(controlPlane, serverIn, serverOut, blockingWork, exited::countDown, options);
        client = new JsonRpcWireClient(clientIn, clientOut);
    }

    RpcFixture(Path folder) throws IOException {
        this(folder, Set.of(), Duration.ofSeconds(5), testOptions());
    }

    static RpcServerOptions testOptions() {
        return new RpcServerOptions(RpcServerOptions.DEFAULT_MAX_MESSAGE_BYTES, false, Duration.ofSeconds(1), "test");
    }

    /** Stores a brand profile as brand.update_profile would, straight into the brand executor's store. */
    void storeProfile(String profileId, String brandJson) {
        try (SqliteBrandProfileStore store = SqliteBrandProfileStore.open(workspace.executorStore("brand"))) {
            JsonNode brand = Json.parse(brandJson);
            store.put(profileId, brand, new BrandAuditEntry(profileId, null, "test", brand, null, brand, NOW));
        }
    }

    /** From now on the brand executor is {@code module}, on a real executor server of its own. */
    void serveBrand(ExecutorModule module) throws Exception {
        ExecutorServer server =
                ExecutorServer.newServer(ExecutorServerSettings.loopback(InboundAuth.none()), List.of(module));
        testServers.add(server);
        server.start();
        moved.put("brand", new ExecutorEndpoint("brand", server.uri(), ExecutorAuth.NONE, null));
    }

    /** A brand.get_profile that answers nothing until the test ends: the caller's timeout ends the call. */
    ExecutorHandler hangingUntilTheTestEnds() {
        return request -> {
            try {
                testEnded.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw ExecutorFailure.unavailable("the test ended");
        };
    }

    private static URI deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        testEnded.countDown();
        testServers.forEach(ExecutorServer::stop);
        executors.close();
        invoker.close();
        client.close();
        worker.shutdown();
        blockingWork.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        blockingWork.awaitTermination(5, TimeUnit.SECONDS);
        database.close();
    }
}
