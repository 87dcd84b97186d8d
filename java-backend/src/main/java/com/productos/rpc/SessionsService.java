package com.productos.rpc;

import com.productos.rpc.protocol.ModelInfo;
import com.productos.rpc.protocol.SessionIdParams;
import com.productos.rpc.protocol.SessionInfo;
import com.productos.rpc.protocol.SessionMessageInfo;
import com.productos.rpc.protocol.SessionsGetResult;
import com.productos.rpc.protocol.SessionsListParams;
import com.productos.rpc.protocol.SessionsListResult;
import com.productos.rpc.protocol.SessionsProtocol;
import com.productos.rpc.protocol.UsageInfo;
import com.productos.supervisor.SessionView;
import com.productos.supervisor.Supervisor;
import com.productos.supervisor.session.SessionMessage;
import com.productos.supervisor.session.SessionRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** sessions/*: the chat sessions of this workspace, from the store. */
final class SessionsService implements SessionsProtocol {
    static final int DEFAULT_LIST_LIMIT = 50;
    static final int MAX_LIST_LIMIT = 500;
    private final CompletableFuture<Supervisor> supervisor;
    private final Executor blockingWork;

    SessionsService(CompletableFuture<Supervisor> supervisor, Executor blockingWork) {
        this.supervisor = supervisor;
        this.blockingWork = blockingWork;
    }

    @Override
    public CompletableFuture<SessionsListResult> list(SessionsListParams params) {
        int limit = Params.limit(params == null ? null : params.limit(), "limit", DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        return supervisor.thenApplyAsync(
                loop -> new SessionsListResult(
                        loop.sessions(limit).stream().map(SessionsService::info).toList()),
                blockingWork);
    }

    @Override
    public CompletableFuture<SessionsGetResult> get(SessionIdParams params) {
        String sessionId =
                Params.requiredText(Params.present(params, "{sessionId}").sessionId(), "sessionId");
        return supervisor.thenApplyAsync(
                loop -> {
                    SessionView view = loop.session(sessionId);
                    return new SessionsGetResult(
                            info(view.session()),
                            view.messages().stream()
                                    .map(SessionsService::message)
                                    .toList());
                },
                blockingWork);
    }

    static SessionInfo info(SessionRecord session) {
        return new SessionInfo(
                session.id(),
                session.title(),
                session.status().wireName(),
                session.createdAt().toString(),
                session.updatedAt().toString(),
                new ModelInfo(session.provider(), session.model()),
                new UsageInfo(session.inputTokens(), session.outputTokens(), session.costUsd()));
    }

    private static SessionMessageInfo message(SessionMessage message) {
        return new SessionMessageInfo(
                message.role(), message.text(), message.at().toString(), message.runId(), message.tool());
    }
}
