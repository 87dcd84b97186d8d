package com.productos.rpc;

import com.productos.common.Futures;
import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.policy.Actor;
import com.productos.rpc.protocol.JsonBridge;
import com.productos.rpc.protocol.ListRunsParams;
import com.productos.rpc.protocol.ListRunsResult;
import com.productos.rpc.protocol.RunIdParams;
import com.productos.rpc.protocol.RunInfo;
import com.productos.rpc.protocol.RunsProtocol;
import com.productos.rpc.protocol.StartRunParams;
import com.productos.rpc.protocol.WireTypes;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * runs/*. Parameters are checked on the reader thread (cheap, and a bad one is answered at once);
 * everything that touches the control plane or the store runs on the blocking-work executor.
 */
final class RunsService implements RunsProtocol {
    static final int DEFAULT_LIST_LIMIT = 50;
    /** Actors a client may claim; the supervisor runs in-process and never comes over this connection. */
    static final List<String> CLIENT_ACTORS = List.of(Actor.USER.wireName(), Actor.MCP.wireName());

    private static final List<String> ACTORS =
            Arrays.stream(Actor.values()).map(Actor::wireName).toList();
    private static final List<String> STATUSES =
            Arrays.stream(RunStatus.values()).map(RunStatus::wireName).toList();

    private final CompletableFuture<ControlPlane> controlPlane;
    private final Executor blockingWork;
    private final RunNotifier notifier;

    RunsService(CompletableFuture<ControlPlane> controlPlane, Executor blockingWork, RunNotifier notifier) {
        this.controlPlane = controlPlane;
        this.blockingWork = blockingWork;
        this.notifier = notifier;
    }

    @Override
    public CompletableFuture<RunInfo> start(StartRunParams params) {
        Params.present(params, "{tool, input, idempotencyKey?, actor?, sessionId?}");
        String tool = Params.requiredText(params.tool(), "tool");
        Actor actor = clientActor(params.actor());
        String idempotencyKey = Params.optionalText(params.idempotencyKey(), "idempotencyKey");
        String sessionId = Params.optionalText(params.sessionId(), "sessionId");
        // The input may be megabytes: it is converted off the reader thread. The answer leaves out the
        // input (the client has it) and is the run as last notified, never an older state.
        CompletableFuture<RunInfo> answer = new CompletableFuture<>();
        controlPlane
                .thenAcceptAsync(
                        plane -> notifier.answerWithLatest(
                                plane.start(new CallRequest(
                                        tool, JsonBridge.fromWire(params.input()), actor, idempotencyKey, sessionId)),
                                answer),
                        blockingWork)
                .exceptionally(failure -> {
                    answer.completeExceptionally(Futures.unwrap(failure));
                    return null;
                });
        return answer;
    }

    @Override
    public CompletableFuture<RunInfo> get(RunIdParams params) {
        String runId = Params.requiredText(Params.present(params, "{runId}").runId(), "runId");
        return controlPlane.thenApplyAsync(plane -> WireTypes.run(plane.get(runId), true), blockingWork);
    }

    @Override
    public CompletableFuture<ListRunsResult> list(ListRunsParams params) {
        ListRunsParams given = params == null ? new ListRunsParams(null, null, null, null, null, null) : params;
        RunStatus status = Params.optionalChoice(given.status(), "status", RunStatus::parse, STATUSES);
        Actor actor = Params.optionalChoice(given.actor(), "actor", Actor::parse, ACTORS);
        RunQuery query = new RunQuery(
                Params.optionalText(given.tool(), "tool"),
                status,
                actor == null ? null : actor.wireName(),
                Params.optionalText(given.sessionId(), "sessionId"),
                Params.limit(given.limit(), "limit", DEFAULT_LIST_LIMIT, RunQuery.MAX_LIMIT),
                Params.optionalText(given.cursor(), "cursor"));
        return controlPlane.thenApplyAsync(
                plane -> {
                    RunPage page = plane.list(query);
                    return new ListRunsResult(
                            page.runs().stream()
                                    .map(run -> WireTypes.run(run, false))
                                    .toList(),
                            page.nextCursor());
                },
                blockingWork);
    }

    @Override
    public CompletableFuture<RunInfo> cancel(RunIdParams params) {
        String runId = Params.requiredText(Params.present(params, "{runId}").runId(), "runId");
        return controlPlane.thenApplyAsync(plane -> WireTypes.run(plane.cancel(runId), false), blockingWork);
    }

    private static Actor clientActor(String actor) {
        if (actor == null) return Actor.USER;
        if (Actor.SUPERVISOR.wireName().equals(actor)) {
            throw new IllegalArgumentException("params.actor 'supervisor' is reserved for the in-process supervisor; "
                    + "a client calls as one of " + CLIENT_ACTORS);
        }
        return Params.optionalChoice(actor, "actor", Actor::parse, CLIENT_ACTORS);
    }
}
