package com.productos.bench;

import com.productos.common.SqliteDatabase;
import com.productos.config.ProductOsConfig;
import com.productos.control.ControlPlane;
import com.productos.control.ExecutorInvoker;
import com.productos.control.ExecutorResult;
import com.productos.json.Json;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.store.SqliteSessionStore;
import com.productos.supervisor.LoopbackModelServer;
import com.productos.supervisor.ModelChoice;
import com.productos.supervisor.SendReceipt;
import com.productos.supervisor.Supervisor;
import com.productos.supervisor.SupervisorEvent;
import com.productos.supervisor.SupervisorLimits;
import com.productos.supervisor.SupervisorSettings;
import com.productos.supervisor.VertexGeminiProviderTest;
import com.productos.supervisor.gemini.VertexGeminiProvider;
import com.productos.supervisor.gemini.VertexGeminiSettings;
import com.productos.supervisor.model.ModelPrice;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.TokenUsage;
import com.productos.supervisor.offline.PlannerScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The supervisor's figures, run by hand:
 * <pre>
 * mvn -B -q -o -pl java-backend test-compile &&
 * java -cp java-backend/target/test-classes:java-backend/target/classes:$(cat cp.txt) com.productos.bench.SupervisorBenchmark
 * </pre>
 * (cp.txt from {@code mvn -B -q -o -pl java-backend dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 * <ol>
 * <li>Overhead per step with a zero-latency model: the time from one model answer to the next model
 *     call, everything but the model (event, session writes, control plane run with validation,
 *     policy and SQLite records, an executor answering at once): p50 and p99 over {@code STEPS}.</li>
 * <li>A 10-step session on the loopback Vertex AI server through google-genai: wall time and the
 *     share spent outside the model call (median of {@code SESSIONS} runs).</li>
 * <li>The offline planner's accuracy on its scenario suite, and on paraphrases it was not written against.</li>
 * </ol>
 */
public final class SupervisorBenchmark {
    static final int STEPS = 2000;
    static final int STEPS_PER_TURN = 50;
    static final int SESSIONS = 7;
    static final String FUNNEL_INPUT =
            "{\"range_days\":30,\"funnel\":{\"name\":\"f\",\"steps\":[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"}]}}";
    static final String FUNNEL_OUTPUT =
            "{\"funnel_name\":\"f\",\"range_days\":30,\"steps\":[{\"event_name\":\"visit\",\"users\":10,"
                    + "\"conversion_from_prev\":1},{\"event_name\":\"signup\",\"users\":4,\"conversion_from_prev\":0.4}]}";

    public static void main(String[] args) throws Exception {
        overheadPerStep();
        vertexSession();
        plannerAccuracy();
        System.exit(0);
    }

    /** A model that answers at once: a funnel call, always, and records when each call began. */
    static final class InstantModel implements ModelProvider {
        final List<Long> callStartNanos = Collections.synchronizedList(new ArrayList<>());
        final List<Long> callEndNanos = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong ids = new AtomicLong();

        @Override
        public String providerName() {
            return "gemini";
        }

        @Override
        public String modelName() {
            return "instant";
        }

        @Override
        public ModelReply next(ModelRequest request) {
            callStartNanos.add(System.nanoTime());
            ModelReply reply = new ModelReply(
                    "",
                    List.of(new ProposedCall(
                            "c" + ids.incrementAndGet(), "analytics__funnel_summary", Json.parse(FUNNEL_INPUT), null)),
                    new TokenUsage(10, 10),
                    "STOP",
                    null);
            callEndNanos.add(System.nanoTime());
            return reply;
        }
    }

    /** A model measured from outside: the time inside each call, whatever the provider. */
    static final class TimedModel implements ModelProvider {
        final ModelProvider inner;
        final AtomicLong insideNanos = new AtomicLong();

        TimedModel(ModelProvider inner) {
            this.inner = inner;
        }

        @Override
        public String providerName() {
            return inner.providerName();
        }

        @Override
        public String modelName() {
            return inner.modelName();
        }

        @Override
        public ModelReply next(ModelRequest request)
                throws com.productos.supervisor.model.ModelCallException, InterruptedException {
            long started = System.nanoTime();
            try {
                return inner.next(request);
            } finally {
                insideNanos.addAndGet(System.nanoTime() - started);
            }
        }
    }

    record Rig(
            Path folder,
            SqliteDatabase database,
            ExecutorService worker,
            Supervisor supervisor,
            LinkedBlockingQueue<SupervisorEvent> finished)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            supervisor.close();
            worker.shutdownNow();
            database.close();
        }
    }

    static Rig rig(ModelProvider model, SupervisorLimits limits) throws Exception {
        Path folder = Files.createTempDirectory("supervisor-bench");
        SqliteDatabase database = SqliteDatabase.open(folder.resolve("productos.db"));
        ExecutorService worker = Executors.newFixedThreadPool(2);
        ExecutorInvoker instant = (tool, run) ->
                CompletableFuture.completedFuture(new ExecutorResult(Json.parse(FUNNEL_OUTPUT), List.of(), List.of()));
        Clock clock = Clock.systemUTC();
        ControlPlane controlPlane = new ControlPlane(
                new RegistryLoader().loadBundled(),
                new PolicyLoader().loadBundled(),
                new SqliteRunStore(database, clock),
                new SqliteApprovalStore(database),
                instant,
                clock,
                "bench",
                worker);
        SupervisorSettings settings = new SupervisorSettings("gemini", null, 8000, 3, ZoneOffset.UTC, limits);
        Supervisor supervisor = new Supervisor(
                        controlPlane,
                        new SqliteSessionStore(database),
                        new ModelChoice(model, ModelPrice.FREE),
                        settings,
                        List.of(),
                        clock,
                        "bench")
                .start();
        LinkedBlockingQueue<SupervisorEvent> finished = new LinkedBlockingQueue<>();
        supervisor.addListener(event -> {
            if (event.type().equals(SupervisorEvent.TURN_FINISHED)) finished.add(event);
        });
        return new Rig(folder, database, worker, supervisor, finished);
    }

    static void overheadPerStep() throws Exception {
        InstantModel model = new InstantModel();
        SupervisorLimits limits = new SupervisorLimits(
                STEPS_PER_TURN,
                STEPS_PER_TURN,
                Long.MAX_VALUE,
                1e9,
                Duration.ofMinutes(10),
                1_000_000,
                1_000_000,
                Long.MAX_VALUE,
                1e9);
        List<Double> overheadMillis = new ArrayList<>();
        try (Rig rig = rig(model, limits)) {
            String session = null;
            int turns = STEPS / STEPS_PER_TURN + 2; // the first two turns warm up
            for (int turn = 0; turn < turns; turn++) {
                int before = model.callStartNanos.size();
                SendReceipt receipt = rig.supervisor().send(session, "go on");
                session = receipt.sessionId();
                if (rig.finished().poll(120, TimeUnit.SECONDS) == null)
                    throw new IllegalStateException("a turn did not finish");
                if (turn < 2) continue;
                for (int i = before + 1; i < model.callStartNanos.size(); i++) {
                    overheadMillis.add((model.callStartNanos.get(i) - model.callEndNanos.get(i - 1)) / 1e6);
                }
            }
        }
        Collections.sort(overheadMillis);
        System.out.printf(
                Locale.ROOT,
                "supervisor overhead per step (zero-latency model, one tool call per step): p50 %.2f ms, p99 %.2f ms over %d steps%n",
                overheadMillis.get(overheadMillis.size() / 2),
                overheadMillis.get((int) (overheadMillis.size() * 0.99)),
                overheadMillis.size());
    }

    static void vertexSession() throws Exception {
        List<Double> wallMillis = new ArrayList<>();
        List<Double> outsideShares = new ArrayList<>();
        for (int run = 0; run < SESSIONS + 1; run++) {
            try (LoopbackModelServer server = new LoopbackModelServer()) {
                for (int step = 1; step < 10; step++) {
                    server.then(LoopbackModelServer.Answer.json(VertexGeminiProviderTest.functionCalls(
                            "STOP", "call-" + step, "analytics__funnel_summary", FUNNEL_INPUT)));
                }
                server.then(LoopbackModelServer.Answer.json(VertexGeminiProviderTest.text("Done.", "STOP")));
                VertexGeminiSettings settings = VertexGeminiSettings.from(
                        Json.object()
                                .put("project", "my-proj")
                                .put("credentials", "none")
                                .put("base_url", server.baseUrl()),
                        ProductOsConfig.of(null, Map.of()));
                TimedModel model = new TimedModel(new VertexGeminiProvider(settings));
                try (Rig rig = rig(model, SupervisorLimits.defaults())) {
                    long started = System.nanoTime();
                    rig.supervisor().send(null, "ten steps");
                    SupervisorEvent end = rig.finished().poll(120, TimeUnit.SECONDS);
                    long wall = System.nanoTime() - started;
                    if (end == null
                            || !end.json().path("stopReason").asString().equals("completed")
                            || server.received().size() != 10) {
                        throw new IllegalStateException("the 10-step session did not complete: " + end);
                    }
                    if (run == 0) continue; // warm-up
                    wallMillis.add(wall / 1e6);
                    outsideShares.add(1.0 - (double) model.insideNanos.get() / wall);
                }
            }
        }
        Collections.sort(wallMillis);
        Collections.sort(outsideShares);
        System.out.printf(
                Locale.ROOT,
                "10-step session on the loopback Vertex AI server (google-genai): wall %.1f ms, %.0f%% outside the model call (medians of %d)%n",
                wallMillis.get(wallMillis.size() / 2),
                outsideShares.get(outsideShares.size() / 2) * 100,
                wallMillis.size());
    }

    static void plannerAccuracy() {
        report("suite", PlannerScenarios.SUITE);
        report("unseen paraphrases", PlannerScenarios.UNSEEN);
    }

    private static void report(String name, List<PlannerScenarios.Scenario> scenarios) {
        int passed = 0;
        for (PlannerScenarios.Scenario scenario : scenarios) {
            String problem = PlannerScenarios.check(scenario);
            if (problem == null) passed++;
            else System.out.println("  miss: " + scenario + ": " + problem);
        }
        System.out.printf(
                Locale.ROOT,
                "offline planner accuracy, %s: %d of %d (%.0f%%)%n",
                name,
                passed,
                scenarios.size(),
                100.0 * passed / scenarios.size());
    }
}
