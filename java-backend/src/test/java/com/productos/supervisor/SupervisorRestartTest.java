package com.productos.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.runs.RunStatus;
import com.productos.supervisor.session.SessionMessage;
import com.productos.supervisor.session.SessionStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a backend killed without warning leaves behind, read by the next one on the same store: the
 * first "process" is abandoned as a crash leaves it (nothing closed, its owner id no longer alive).
 */
class SupervisorRestartTest {
    @TempDir
    Path folder;

    @Test
    void aSessionPausedOnAnApprovalShouldStillWaitAfterARestartAndResumeWhenApproved() throws Exception {
        ScriptedModel first = new ScriptedModel()
                .then(SupervisorLoopTest.call(
                        "c1", "marketing__publish_missinglettr", SupervisorLoopTest.PUBLISH_INPUT));
        ToolAnswers tools =
                new ToolAnswers().answer("marketing.publish_missinglettr", SupervisorLoopTest.PUBLISH_OUTPUT);
        SupervisorFixture crashed = new SupervisorFixture(folder, tools, first);
        SendReceipt receipt = crashed.supervisor.send(null, "publish it");
        assertEquals(
                "awaiting_approval",
                crashed.events.nextFinish().json().path("stopReason").asString());
        String approvalId = crashed.events
                .ofType("approval_needed")
                .get(0)
                .json()
                .path("approvalId")
                .asString();
        crashed.controlPlane.removeListener(crashed.supervisor); // the process is gone: it hears nothing more

        ScriptedModel second = new ScriptedModel().then(SupervisorLoopTest.say("Published after the restart."));
        try (SupervisorFixture restarted = crashed.reopen(second, "test-owner-2")) {
            SessionView view = restarted.supervisor.session(receipt.sessionId());
            assertEquals(SessionStatus.AWAITING_APPROVAL, view.session().status());
            assertEquals(
                    1,
                    restarted
                            .controlPlane
                            .approvals(com.productos.runs.ApprovalStatus.PENDING, 10)
                            .size());
            restarted.controlPlane.decide(approvalId, true, "user:test", null);
            SupervisorEvent finished = restarted.events.nextFinish();
            assertEquals("completed", finished.json().path("stopReason").asString());
            assertEquals(receipt.turnId(), finished.turnId());
            assertEquals(1, tools.calls("marketing.publish_missinglettr"));
            assertTrue(
                    finished.seq()
                            > crashed.events
                                    .all()
                                    .get(crashed.events.all().size() - 1)
                                    .seq(),
                    "seq goes on across restarts");
            assertEquals(
                    SessionStatus.IDLE,
                    restarted.supervisor.session(receipt.sessionId()).session().status());
        } finally {
            crashed.worker.shutdownNow();
        }
    }

    @Test
    void aTurnKilledDuringAToolRunShouldShowTheRunInterruptedAndTheSessionIdle() throws Exception {
        ScriptedModel first = new ScriptedModel()
                .then(SupervisorLoopTest.call("c1", "analytics__funnel_summary", SupervisorLoopTest.FUNNEL_INPUT));
        ToolAnswers tools = new ToolAnswers().answer("analytics.funnel_summary", run -> new CompletableFuture<>());
        SupervisorFixture crashed = new SupervisorFixture(folder, tools, first);
        SendReceipt receipt = crashed.supervisor.send(null, "funnel");
        // The executor is reached inside the control plane's start; run_started follows it.
        SupervisorLoopTest.waitFor(() -> !crashed.events.ofType("run_started").isEmpty());
        String runId =
                crashed.events.ofType("run_started").get(0).json().path("runId").asString();
        crashed.controlPlane.removeListener(crashed.supervisor);

        try (SupervisorFixture restarted = crashed.reopen(new ScriptedModel(), "test-owner-2")) {
            assertEquals(
                    RunStatus.INTERRUPTED, restarted.controlPlane.get(runId).status());
            SessionView view = restarted.supervisor.session(receipt.sessionId());
            assertEquals(SessionStatus.IDLE, view.session().status());
            List<SessionMessage> messages = view.messages();
            SessionMessage last = messages.get(messages.size() - 1);
            assertTrue(last.text().contains("interrupted") && last.text().contains(runId), last.text());
            // The session goes on: the model sees a result for the interrupted call and a new turn runs.
            restarted.supervisor.send(receipt.sessionId(), "try again later");
            assertEquals(
                    "completed",
                    restarted.events.nextFinish().json().path("stopReason").asString());
        } finally {
            crashed.worker.shutdownNow();
        }
    }

    @Test
    void sessionsShouldBeListedAndReopenedFromTheStore() throws Exception {
        ScriptedModel model = new ScriptedModel().then(SupervisorLoopTest.say("hello"));
        SupervisorFixture first = new SupervisorFixture(folder, new ToolAnswers(), model);
        SendReceipt receipt = first.supervisor.send(null, "hi there, what can you do for my product?");
        first.events.nextFinish();
        first.close();
        try (SupervisorFixture again = new SupervisorFixture(folder, new ToolAnswers(), new ScriptedModel())) {
            assertEquals(
                    receipt.sessionId(), again.supervisor.sessions(10).get(0).id());
            assertEquals(
                    "hi there, what can you do for my product?",
                    again.supervisor.sessions(10).get(0).title());
            assertEquals(
                    List.of("user", "assistant"),
                    again.supervisor.session(receipt.sessionId()).messages().stream()
                            .map(SessionMessage::role)
                            .toList());
            assertEquals(
                    50, again.supervisor.session(receipt.sessionId()).session().inputTokens());
            assertEquals(
                    10, again.supervisor.session(receipt.sessionId()).session().outputTokens());
        }
    }
}
