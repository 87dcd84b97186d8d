package com.productos.rpc;

import com.productos.rpc.protocol.ModelInfo;
import com.productos.rpc.protocol.SupervisorCancelParams;
import com.productos.rpc.protocol.SupervisorCancelResult;
import com.productos.rpc.protocol.SupervisorInfoResult;
import com.productos.rpc.protocol.SupervisorProtocol;
import com.productos.rpc.protocol.SupervisorSendParams;
import com.productos.rpc.protocol.SupervisorSendResult;
import com.productos.supervisor.SendReceipt;
import com.productos.supervisor.Supervisor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * supervisor/*. send answers as soon as the message is stored and the session claimed; the turn starts
 * after the answer is handed to lsp4j, so the client learns the ids before the first event.
 */
final class SupervisorService implements SupervisorProtocol {
    private final CompletableFuture<Supervisor> supervisor;
    private final Executor blockingWork;

    SupervisorService(CompletableFuture<Supervisor> supervisor, Executor blockingWork) {
        this.supervisor = supervisor;
        this.blockingWork = blockingWork;
    }

    @Override
    public CompletableFuture<SupervisorSendResult> send(SupervisorSendParams params) {
        Params.present(params, "{sessionId?, text}");
        String sessionId = Params.optionalText(params.sessionId(), "sessionId");
        String text = Params.requiredText(params.text(), "text");
        if (text.length() > Supervisor.MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("params.text has " + text.length() + " characters; the most is "
                    + Supervisor.MAX_TEXT_CHARS + ": send a shorter message");
        }
        CompletableFuture<SendReceipt> accepted =
                supervisor.thenApplyAsync(loop -> loop.accept(sessionId, text), blockingWork);
        CompletableFuture<SupervisorSendResult> answer = accepted.thenApply(receipt -> new SupervisorSendResult(
                receipt.sessionId(), receipt.turnId(), new ModelInfo(receipt.provider(), receipt.model())));
        // Registered before lsp4j's own callback, so it runs after the response is written.
        answer.whenComplete((result, failure) -> {
            if (failure == null) supervisor.join().begin(accepted.join());
        });
        return answer;
    }

    @Override
    public CompletableFuture<SupervisorCancelResult> cancel(SupervisorCancelParams params) {
        Params.present(params, "{sessionId, turnId?}");
        String sessionId = Params.requiredText(params.sessionId(), "sessionId");
        String turnId = Params.optionalText(params.turnId(), "turnId");
        return supervisor.thenApplyAsync(
                loop -> new SupervisorCancelResult(loop.cancel(sessionId, turnId)), blockingWork);
    }

    @Override
    public CompletableFuture<SupervisorInfoResult> info(Object params) {
        return supervisor.thenApply(
                loop -> new SupervisorInfoResult(new ModelInfo(loop.providerName(), loop.modelName())));
    }
}
