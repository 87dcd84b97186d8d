package com.productos.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.common.ProcessOwner;
import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.policy.Policy;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ControlPlaneTest {
    private static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();
    private static final Policy POLICY = new PolicyLoader().loadBundled();
    private static final JsonNode PROFILE_INPUT = Json.parse("{\"profile_id\":\"default\"}");
    private static final JsonNode GOOD_PROFILE_OUTPUT = Json.parse("""
            {"profile_id":"default","brand":{"name":"Acme","voice":{"tone":[],"style_notes":[],"do":[],"dont":[]},
             "audience":{},"claims_policy":{}}}""");

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final ScriptedInvoker invoker = new ScriptedInvoker();
    private final List<String> events = new ArrayList<>();
    private final ExecutorService worker = Executors.newFixedThreadPool(2);
    private SqliteDatabase db;
    private ControlPlane plane;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(folder.resolve("productos.db"));
        plane = newControlPlane(db, "owner-a");
    }

    @AfterEach
    void close() {
        worker.shutdownNow();
        db.close();
    }

    private ControlPlane newControlPlane(SqliteDatabase database, String owner) {
        ControlPlane controlPlane = new ControlPlane(
                REGISTRY,
                POLICY,
                new SqliteRunStore(database, clock),
                new SqliteApprovalStore(database),
                invoker,
                clock,
                owner,
                worker);
        controlPlane.addListener(new RunEventListener() {
            @Override
            public synchronized void runUpdated(Run run) {
                events.add(run.status().wireName());
            }

            @Override
            public synchronized void approvalRequested(Approval approval, Run run) {
                events.add("approval:" + approval.id());
            }
        });
        return controlPlane;
    }

    private Run settle(Run run) throws Exception {
        return plane.settle(run.id()).get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<ExecutorResult> output(JsonNode output) {
        return CompletableFuture.completedFuture(new ExecutorResult(
                output, List.of(new ExecutorResult.ExecutorLogLine("INFO", "read profile")), List.of()));
    }

    @Test
    void lowRiskCallShouldRunAndRecordEveryStep() throws Exception {
        invoker.answer("brand.get_profile", run -> output(GOOD_PROFILE_OUTPUT));
        Run started = plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT));
        assertEquals(RunStatus.QUEUED, started.status());
        Run done = settle(started);
        assertEquals(RunStatus.SUCCEEDED, done.status());
        Run stored = plane.get(done.id());
        assertEquals(GOOD_PROFILE_OUTPUT, stored.output());
        assertNotNull(stored.startedAt());
        assertNotNull(stored.finishedAt());
        assertTrue(stored.logs().stream().anyMatch(line -> line.text().equals("read profile")));
        assertTrue(stored.logs().stream().anyMatch(line -> line.text().startsWith("policy: default for low risk")));
        assertEquals(List.of("queued", "running", "succeeded"), events);
    }

    @Nested
    class BadCalls {
        @Test
        void unknownToolShouldBeRefusedWithoutARun() {
            ToolCallException e = assertThrows(
                    ToolCallException.class,
                    () -> plane.start(CallRequest.byUser("brand.get_profiles", PROFILE_INPUT)));
            assertEquals(ErrorCode.ToolNotFound, e.code());
            assertEquals(0, plane.list(RunQuery.latest(10)).runs().size());
        }

        @Test
        void loneSurrogateShouldBeRefusedWithTheFieldNamedNotStoredAsAQuestionMark() throws Exception {
            JsonNode input = Json.parse("{\"profile_id\":\"default\",\"patch\":{\"name\":\"Acme \\ud800\"}}");
            ToolCallException e = assertThrows(
                    ToolCallException.class, () -> plane.start(CallRequest.byUser("brand.update_profile", input)));
            assertEquals(ErrorCode.InvalidInput, e.code());
            JsonNode error = e.data().get("errors").get(0);
            assertEquals("/patch/name", error.get("pointer").asString());
            assertTrue(
                    error.get("message").asString().contains("lone UTF-16 surrogate at character 6"), error.toString());
            assertEquals(0, invoker.calls("brand.update_profile"));
        }

        @Test
        void pairedSurrogatesShouldPass() throws Exception {
            JsonNode input = Json.parse("{\"profile_id\":\"default\",\"patch\":{\"name\":\"Acme \\ud83d\\ude80\"}}");
            Run run = settle(plane.start(CallRequest.byUser("brand.update_profile", input)));
            assertEquals(
                    "Acme \ud83d\ude80", run.input().get("patch").get("name").asString());
            assertTrue(run.error() == null || !run.error().code().equals("InvalidInput"), String.valueOf(run.error()));
            assertEquals(1, invoker.calls("brand.update_profile"));
        }

        @Test
        void inputBreakingTheSchemaShouldFailWithPointersAndBeRecorded() {
            ToolCallException e = assertThrows(
                    ToolCallException.class,
                    () -> plane.start(CallRequest.byUser(
                            "logs.tail", Json.parse("{\"scope\":\"galaxy\",\"limit\":0,\"extra\":true}"))));
            assertEquals(ErrorCode.InvalidInput, e.code());
            List<String> pointers = new ArrayList<>();
            e.data()
                    .get("errors")
                    .forEach(error -> pointers.add(error.get("pointer").asString()));
            assertTrue(pointers.contains("/scope"), pointers.toString());
            assertTrue(pointers.contains("/limit"), pointers.toString());
            Run failed = plane.get(e.data().get("runId").asString());
            assertEquals(RunStatus.FAILED, failed.status());
            assertEquals("InvalidInput", failed.error().code());
            assertEquals(0, invoker.calls("logs.tail"));
        }

        @Test
        void outputBreakingTheSchemaShouldFailTheRun() throws Exception {
            invoker.answer(
                    "brand.get_profile",
                    run -> output(Json.parse("{\"profile_id\":\"default\",\"brand\":{\"name\":7}}")));
            Run done = settle(plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT)));
            assertEquals(RunStatus.FAILED, done.status());
            assertEquals("OutputContractViolation", done.error().code());
            assertTrue(
                    done.error().message().contains("/brand/name"), done.error().message());
            assertEquals(null, done.output());
        }

        @Test
        void executorFailuresShouldKeepTheirCodeAndNeverLeaveARunRunning() throws Exception {
            invoker.answer(
                    "brand.get_profile",
                    run -> CompletableFuture.failedFuture(new ExecutorCallException(
                            ErrorCode.ExecutorTimeout, "the firestore executor did not answer within 5 s", null)));
            Run done = settle(plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT)));
            assertEquals(RunStatus.FAILED, done.status());
            assertEquals("ExecutorTimeout", done.error().code());
            assertEquals(-31007, done.error().numericCode());
        }

        @Test
        void unexpectedInvokerExceptionShouldFailTheRunNotHangIt() throws Exception {
            invoker.answer("brand.get_profile", run -> {
                throw new IllegalStateException("boom");
            });
            Run done = settle(plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT)));
            assertEquals(RunStatus.FAILED, done.status());
            assertEquals("InternalError", done.error().code());
        }
    }

    @Nested
    class Approvals {
        private final JsonNode prodDeploy = Json.parse(
                "{\"service_name\":\"web\",\"repo\":\"/src/web\",\"ref\":\"main\",\"env\":\"prod\",\"region\":\"local\"}");

        @BeforeEach
        void deployAnswers() {
            invoker.answer(
                    "cloudrun.deploy_service",
                    run -> output(Json.parse("{\"service_url\":\"http://127.0.0.1:1\",\"revision\":\"web-00001\"}")));
        }

        @Test
        void prodDeployShouldWaitForApprovalThenRunOnce() throws Exception {
            Run parked = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", prodDeploy)));
            assertEquals(RunStatus.AWAITING_APPROVAL, parked.status());
            assertEquals(0, invoker.calls("cloudrun.deploy_service"));
            assertTrue(events.contains("approval:" + parked.approvalId()));

            Run released = plane.decide(parked.approvalId(), true, "user:ana", "ship it");
            Run done = settle(released);
            assertEquals(RunStatus.SUCCEEDED, done.status());
            assertEquals(1, invoker.calls("cloudrun.deploy_service"));

            ToolCallException again = assertThrows(
                    ToolCallException.class, () -> plane.decide(parked.approvalId(), true, "user:ana", null));
            assertEquals(ErrorCode.InvalidRunState, again.code());
            assertEquals(
                    ApprovalStatus.CONSUMED, plane.approvals(null, 10).get(0).status());
        }

        @Test
        void approvingOneInputShouldNeverApproveAnother() throws Exception {
            Run first = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", prodDeploy)));
            plane.decide(first.approvalId(), true, "user:ana", null);
            settle(plane.get(first.id()));
            JsonNode otherRef = prodDeploy.deepCopy();
            ((tools.jackson.databind.node.ObjectNode) otherRef).put("ref", "experimental");
            Run second = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", otherRef)));
            assertEquals(RunStatus.AWAITING_APPROVAL, second.status());
            assertNotEquals(first.approvalId(), second.approvalId());
            assertEquals(1, invoker.calls("cloudrun.deploy_service"));
        }

        @Test
        void denyingShouldEndTheRunAsDenied() throws Exception {
            Run parked = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", prodDeploy)));
            Run denied = plane.decide(parked.approvalId(), false, "user:ana", "not on a Friday");
            assertEquals(RunStatus.DENIED, denied.status());
            assertEquals(0, invoker.calls("cloudrun.deploy_service"));
        }

        @Test
        void expiredApprovalShouldNotReleaseTheRun() throws Exception {
            Run parked = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", prodDeploy)));
            clock.advance(Duration.ofHours(24).plusSeconds(1));
            ToolCallException e = assertThrows(
                    ToolCallException.class, () -> plane.decide(parked.approvalId(), true, "user:ana", null));
            assertEquals(ErrorCode.ApprovalExpired, e.code());
            assertEquals(RunStatus.CANCELLED, plane.get(parked.id()).status());
            assertEquals(0, invoker.calls("cloudrun.deploy_service"));
        }

        @Test
        void approvingAnApprovalWhoseExpiryIsRecordedShouldSayExpired() throws Exception {
            Run parked = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", prodDeploy)));
            clock.advance(Duration.ofHours(24).plusSeconds(1));
            assertThrows(ToolCallException.class, () -> plane.decide(parked.approvalId(), true, "user:ana", null));
            ToolCallException again = assertThrows(
                    ToolCallException.class, () -> plane.decide(parked.approvalId(), true, "user:ana", null));
            assertEquals(ErrorCode.ApprovalExpired, again.code());
            assertTrue(again.getMessage().contains("expired at"), again.getMessage());
            assertEquals(0, invoker.calls("cloudrun.deploy_service"));
        }

        @Test
        void pendingApprovalShouldSurviveARestart() throws Exception {
            Run parked = settle(plane.start(CallRequest.byUser("cloudrun.deploy_service", prodDeploy)));
            db.close();
            db = SqliteDatabase.open(folder.resolve("productos.db"));
            plane = newControlPlane(db, "owner-b");
            plane.recoverInterruptedRuns();
            assertEquals(RunStatus.AWAITING_APPROVAL, plane.get(parked.id()).status());
            assertEquals(1, plane.approvals(ApprovalStatus.PENDING, 10).size());
            Run done = settle(plane.decide(parked.approvalId(), true, "user:ana", null));
            assertEquals(RunStatus.SUCCEEDED, done.status());
        }

        @Test
        void mediumRiskCallsBySupervisorShouldNeedApprovalButNotByUser() throws Exception {
            JsonNode patch = Json.parse("{\"profile_id\":\"default\",\"patch\":{\"name\":\"Acme\"}}");
            invoker.answer(
                    "brand.update_profile",
                    run -> output(Json.parse("{\"ok\":true,\"updated_at\":\"2026-11-25T12:00:00Z\"}")));
            Run byUser = settle(plane.start(CallRequest.byUser("brand.update_profile", patch)));
            assertEquals(RunStatus.SUCCEEDED, byUser.status());
            Run bySupervisor =
                    settle(plane.start(new CallRequest("brand.update_profile", patch, Actor.SUPERVISOR, null, "s1")));
            assertEquals(RunStatus.AWAITING_APPROVAL, bySupervisor.status());
            assertEquals("s1", bySupervisor.sessionId());
        }
    }

    @Nested
    class Idempotency {
        private final JsonNode patch = Json.parse("{\"profile_id\":\"default\",\"patch\":{\"name\":\"Acme\"}}");

        @BeforeEach
        void answers() {
            invoker.answer(
                    "brand.update_profile",
                    run -> output(Json.parse("{\"ok\":true,\"updated_at\":\"2026-11-25T12:00:00Z\"}")));
        }

        @Test
        void repeatedKeyShouldReturnTheFirstRunWithoutCallingAgainAlsoAfterRestart() throws Exception {
            CallRequest request = new CallRequest("brand.update_profile", patch, Actor.USER, "key-1", null);
            Run first = settle(plane.start(request));
            Run repeat = plane.start(request);
            assertEquals(first.id(), repeat.id());
            db.close();
            db = SqliteDatabase.open(folder.resolve("productos.db"));
            plane = newControlPlane(db, "owner-b");
            Run afterRestart = plane.start(request);
            assertEquals(first.id(), afterRestart.id());
            assertEquals(RunStatus.SUCCEEDED, afterRestart.status());
            assertEquals(1, invoker.calls("brand.update_profile"));
        }

        @Test
        void sameKeyWithOtherInputShouldBeAConflict() throws Exception {
            settle(plane.start(new CallRequest("brand.update_profile", patch, Actor.USER, "key-2", null)));
            JsonNode other = Json.parse("{\"profile_id\":\"default\",\"patch\":{\"name\":\"Other\"}}");
            ToolCallException e = assertThrows(
                    ToolCallException.class,
                    () -> plane.start(new CallRequest("brand.update_profile", other, Actor.USER, "key-2", null)));
            assertEquals(ErrorCode.IdempotencyConflict, e.code());
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(
                strings = {"cl\u00e9-1", "\u952e", "key with space", "", "tab\tkey"})
        void unusableKeyShouldBeRefusedUpFrontWithoutARun(String key) throws Exception {
            JsonNode input = Json.parse("{\"profile_id\":\"default\",\"patch\":{\"name\":\"X\"}}");
            int before = plane.list(RunQuery.latest(500)).runs().size();
            ToolCallException e = assertThrows(
                    ToolCallException.class,
                    () -> plane.start(new CallRequest("brand.update_profile", input, Actor.USER, key, null)));
            assertEquals(ErrorCode.InvalidParams, e.code());
            assertTrue(e.getMessage().contains("idempotency key"), e.getMessage());
            assertEquals(before, plane.list(RunQuery.latest(500)).runs().size());
        }

        @Test
        void keyOrderShouldNotMatterForTheSameInput() throws Exception {
            JsonNode a =
                    Json.parse("{\"profile_id\":\"p\",\"patch\":{\"name\":\"A\",\"audience\":{\"primary\":\"x\"}}}");
            JsonNode b =
                    Json.parse("{\"patch\":{\"audience\":{\"primary\":\"x\"},\"name\":\"A\"},\"profile_id\":\"p\"}");
            Run first = settle(plane.start(new CallRequest("brand.update_profile", a, Actor.USER, "key-3", null)));
            assertEquals(
                    first.id(),
                    plane.start(new CallRequest("brand.update_profile", b, Actor.USER, "key-3", null))
                            .id());
        }

        @Test
        void repeatedKeyOfARunInFlightInAnotherProcessShouldWaitForItThroughTheStoreAndReturnItsResult()
                throws Exception {
            CompletableFuture<ExecutorResult> held = new CompletableFuture<>();
            invoker.answer("brand.update_profile", run -> held);
            CallRequest request = new CallRequest("brand.update_profile", patch, Actor.USER, "key-elsewhere", null);
            Run first = plane.start(request);
            try (SqliteDatabase other = SqliteDatabase.open(folder.resolve("productos.db"))) {
                ControlPlane otherProcess = newControlPlane(other, "owner-b");
                Run repeat = otherProcess.start(request);
                assertEquals(first.id(), repeat.id());
                assertEquals(RunStatus.RUNNING, repeat.status());
                CompletableFuture<Run> waiting = otherProcess.settle(repeat.id());
                assertTrue(!waiting.isDone(), "the run has not ended yet");
                held.complete(new ExecutorResult(
                        Json.parse("{\"ok\":true,\"updated_at\":\"2026-11-25T12:00:00Z\"}"), List.of(), List.of()));
                Run done = waiting.get(10, TimeUnit.SECONDS);
                assertEquals(RunStatus.SUCCEEDED, done.status());
                assertEquals(first.id(), done.id());
                assertEquals(Json.parse("{\"ok\":true,\"updated_at\":\"2026-11-25T12:00:00Z\"}"), done.output());
            }
            assertEquals(1, invoker.calls("brand.update_profile"));
        }

        @Test
        void sideEffectingCallsWithoutKeyShouldGetOneGenerated() throws Exception {
            Run run = settle(plane.start(CallRequest.byUser("brand.update_profile", patch)));
            assertTrue(run.idempotencyKey().startsWith("auto-"), run.idempotencyKey());
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void runsLeftInFlightByADeadProcessShouldBeMarkedInterrupted() {
            CompletableFuture<ExecutorResult> never = new CompletableFuture<>();
            invoker.answer("brand.get_profile", run -> never);
            Run running = plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT));
            ControlPlane restarted = new ControlPlane(
                    REGISTRY,
                    POLICY,
                    new SqliteRunStore(db, clock),
                    new SqliteApprovalStore(db),
                    invoker,
                    clock,
                    "owner-b",
                    worker);
            // "owner-a" is not a live process id, as after a crash.
            assertEquals(1, restarted.recoverInterruptedRuns());
            Run interrupted = restarted.get(running.id());
            assertEquals(RunStatus.INTERRUPTED, interrupted.status());
            assertNotNull(interrupted.error());
        }

        @Test
        void runsOfALiveProcessShouldNotBeInterrupted() {
            ControlPlane live = new ControlPlane(
                    REGISTRY,
                    POLICY,
                    new SqliteRunStore(db, clock),
                    new SqliteApprovalStore(db),
                    invoker,
                    clock,
                    ProcessOwner.current(),
                    worker);
            invoker.answer("brand.get_profile", run -> new CompletableFuture<>());
            Run running = live.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT));
            assertEquals(0, plane.recoverInterruptedRuns());
            assertEquals(RunStatus.RUNNING, plane.get(running.id()).status());
        }

        @Test
        void cancelShouldEndARunningRunAndIgnoreALateAnswer() throws Exception {
            CompletableFuture<ExecutorResult> pending = new CompletableFuture<>();
            invoker.answer("brand.get_profile", run -> pending);
            Run running = plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT));
            Run cancelled = plane.cancel(running.id());
            assertEquals(RunStatus.CANCELLED, cancelled.status());
            pending.complete(new ExecutorResult(GOOD_PROFILE_OUTPUT, List.of(), List.of()));
            assertEquals(RunStatus.CANCELLED, plane.get(running.id()).status());
            ToolCallException again = assertThrows(ToolCallException.class, () -> plane.cancel(running.id()));
            assertEquals(ErrorCode.InvalidRunState, again.code());
        }

        @Test
        void listShouldPageNewestFirst() throws Exception {
            invoker.answer("brand.get_profile", run -> output(GOOD_PROFILE_OUTPUT));
            for (int i = 0; i < 5; i++) settle(plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT)));
            var first = plane.list(RunQuery.latest(2));
            assertEquals(2, first.runs().size());
            assertNotNull(first.nextCursor());
            var second = plane.list(new RunQuery(null, null, null, null, 2, first.nextCursor()));
            var third = plane.list(new RunQuery(null, null, null, null, 2, second.nextCursor()));
            assertEquals(1, third.runs().size());
            assertEquals(null, third.nextCursor());
            assertTrue(first.runs()
                            .get(0)
                            .createdAt()
                            .compareTo(third.runs().get(0).createdAt())
                    >= 0);
        }

        @Test
        void unknownRunShouldBeRunNotFound() {
            assertEquals(
                    ErrorCode.RunNotFound,
                    assertThrows(ToolCallException.class, () -> plane.get("run_nope"))
                            .code());
        }
    }

    @Test
    void gracefulStopShouldRecordRunsInFlightAsInterruptedWithATrueMessage() throws Exception {
        invoker.answer("brand.get_profile", run -> new CompletableFuture<>()); // the executor never answers
        Run started = plane.start(CallRequest.byUser("brand.get_profile", PROFILE_INPUT));
        CompletableFuture<Run> waiting = plane.settle(started.id());
        assertEquals(1, plane.interruptInFlight());
        Run stopped = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(RunStatus.INTERRUPTED, stopped.status());
        Run stored = plane.get(started.id());
        assertEquals(RunStatus.INTERRUPTED, stored.status());
        assertEquals("InternalError", stored.error().code());
        assertTrue(
                stored.error().message().startsWith("the backend was stopped while brand.get_profile was in flight"),
                stored.error().message());
        assertTrue(
                !stored.error().message().contains("config.yaml"),
                stored.error().message());
        assertEquals(0, plane.interruptInFlight(), "nothing is left in flight");
    }
}
