package com.productos.supervisor;

import com.productos.common.ProcessOwner;
import com.productos.control.ControlPlane;
import com.productos.control.ErrorCode;
import com.productos.control.RunEventListener;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import com.productos.supervisor.model.ModelContextFilter;
import com.productos.supervisor.model.ModelPrice;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelRetryPolicy;
import com.productos.supervisor.session.PendingTurn;
import com.productos.supervisor.session.SessionRecord;
import com.productos.supervisor.session.SessionStatus;
import com.productos.supervisor.session.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The supervisor: chat sessions whose turns run a model loop over the registry's tools, every call
 * going through the control plane as actor {@code supervisor}. One per backend process. A turn that
 * waits for an approval is parked in the store and resumes here when the run moves on, whichever
 * process decided it (seen through this control plane's events, or by {@link #reconcile()}).
 */
public final class Supervisor implements RunEventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    public static final int MAX_TEXT_CHARS = 20_000;
    private static final int TITLE_CHARS = 60;

    private final ControlPlane controlPlane;
    private final SessionStore store;
    private final ModelProvider provider;
    private final Clock clock;
    private final String ownerId;
    private final TurnContext context;
    private final ExecutorService turns;
    private final ExecutorService modelThreads;
    private final List<SupervisorEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, SessionTurn> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    /** Per session: a turn parking and a resume claiming the session take turns, so events stay in order. */
    private final Map<String, Object> parkingLocks = new ConcurrentHashMap<>();

    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;
    private java.util.concurrent.ScheduledExecutorService reconciler;

    public Supervisor(
            ControlPlane controlPlane,
            SessionStore store,
            ModelChoice model,
            SupervisorSettings settings,
            Collection<String> secretValues,
            Clock clock,
            String ownerId) {
        this.controlPlane = controlPlane;
        this.store = store;
        this.provider = model.provider();
        this.clock = clock;
        this.ownerId = ownerId;
        this.turns = Executors.newCachedThreadPool(daemonThreads("productos-supervisor-turn"));
        this.modelThreads = Executors.newCachedThreadPool(daemonThreads("productos-supervisor-model"));
        ModelPrice price = model.price();
        ModelCaller caller = new ModelCaller(
                provider,
                new ModelRetryPolicy(
                        settings.modelAttempts(),
                        java.time.Duration.ofMillis(500),
                        java.time.Duration.ofSeconds(8),
                        java.time.Duration.ofSeconds(30),
                        random::nextDouble),
                modelThreads,
                clock);
        this.context = new TurnContext(
                controlPlane,
                store,
                new LiveToolCatalog(controlPlane::registry),
                new ModelContextFilter(secretValues, settings.maxToolOutputChars()),
                provider,
                caller,
                price,
                settings.limits(),
                clock,
                this::emit,
                this::park);
    }

    /** Listens to the control plane and settles what a stopped process left: call once, after the control plane recovered its runs. */
    public Supervisor start() {
        controlPlane.addListener(this);
        for (SessionRecord session : store.withStatus(SessionStatus.RUNNING)) {
            if (session.ownerId() != null
                    && !session.ownerId().equals(ownerId)
                    && !ProcessOwner.isAlive(session.ownerId())
                    && store.claim(session.id(), SessionStatus.RUNNING, SessionStatus.RUNNING, ownerId)) {
                SessionRecord claimed = store.get(session.id()).orElseThrow();
                PendingTurn pending = PendingTurn.fromJson(claimed.pendingJson());
                if (pending == null) pending = PendingTurn.started("turn-interrupted", clock.instant());
                LOG.info("session {} was running in a stopped backend; ending its turn as interrupted", session.id());
                new SessionTurn(context, claimed, pending).finishInterrupted();
            }
        }
        reconcile();
        return this;
    }

    public String providerName() {
        return provider.providerName();
    }

    public String modelName() {
        return provider.modelName();
    }

    public void addListener(SupervisorEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SupervisorEventListener listener) {
        listeners.remove(listener);
    }

    /** {@link #accept} then {@link #begin}. */
    public SendReceipt send(String sessionIdOrNull, String text) {
        SendReceipt receipt = accept(sessionIdOrNull, text);
        begin(receipt);
        return receipt;
    }

    /**
     * Records the person's message and claims the session for a new turn, without starting it, so
     * the caller can answer the request before the first event goes out.
     *
     * @throws ToolCallException SessionNotFound, SessionBusy, or InvalidParams for unusable text
     */
    public SendReceipt accept(String sessionIdOrNull, String text) {
        if (closed)
            throw new ToolCallException(
                    ErrorCode.SessionBusy, "the backend is stopping; send the message again after it restarts");
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            throw new ToolCallException(
                    ErrorCode.InvalidParams,
                    "params.text must be 1 to " + MAX_TEXT_CHARS + " characters, not blank (it has "
                            + (text == null ? 0 : text.length()) + ")");
        }
        Instant now = clock.instant();
        SessionRecord session;
        if (sessionIdOrNull == null) {
            session = new SessionRecord(
                    newId("ses", now),
                    title(text),
                    SessionStatus.RUNNING,
                    now,
                    now,
                    provider.providerName(),
                    provider.modelName(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    ownerId,
                    null);
            store.insert(session);
        } else {
            SessionRecord existing = store.get(sessionIdOrNull)
                    .orElseThrow(() -> new ToolCallException(
                            ErrorCode.SessionNotFound,
                            "no chat session has id '" + sessionIdOrNull
                                    + "'; list them with sessions/list, or omit sessionId to start one"));
            if (!store.claim(existing.id(), SessionStatus.IDLE, SessionStatus.RUNNING, ownerId)) {
                SessionRecord now2 = store.get(existing.id()).orElse(existing);
                String what = now2.status() == SessionStatus.AWAITING_APPROVAL
                        ? "is waiting for a person to decide an approval; decide it (approvals/decide) or cancel the turn (supervisor/cancel)"
                        : "has a turn running; wait for its turn_finished event or cancel it (supervisor/cancel)";
                throw new ToolCallException(
                        ErrorCode.SessionBusy,
                        "session " + existing.id() + " " + what,
                        Json.object()
                                .put("sessionId", existing.id())
                                .put("status", now2.status().wireName()));
            }
            session = store.get(existing.id()).orElseThrow();
        }
        PendingTurn pending = PendingTurn.started(newId("turn", now), now);
        SessionTurn turn = new SessionTurn(context, session, pending);
        turn.addUserText(text);
        active.put(session.id(), turn);
        return new SendReceipt(session.id(), pending.turnId(), provider.providerName(), provider.modelName());
    }

    /** Starts the turn {@link #accept} prepared; its events follow. */
    public void begin(SendReceipt receipt) {
        SessionTurn turn = active.get(receipt.sessionId());
        if (turn == null || !turn.turnId().equals(receipt.turnId())) return;
        submit(turn);
    }

    /**
     * Cancels the session's running or parked turn; false when none was running.
     *
     * @throws ToolCallException SessionNotFound
     */
    public boolean cancel(String sessionId, String turnIdOrNull) {
        SessionRecord session = store.get(sessionId)
                .orElseThrow(() -> new ToolCallException(
                        ErrorCode.SessionNotFound,
                        "no chat session has id '" + sessionId + "'; list them with sessions/list"));
        SessionTurn running = active.get(sessionId);
        if (running != null && !running.hasEnded()) {
            if (turnIdOrNull != null && !turnIdOrNull.equals(running.turnId())) return false;
            running.cancelSignal().cancel();
            return true;
        }
        session = store.get(sessionId).orElse(session);
        if (session.status() == SessionStatus.AWAITING_APPROVAL) {
            PendingTurn pending = PendingTurn.fromJson(session.pendingJson());
            if (pending == null || (turnIdOrNull != null && !turnIdOrNull.equals(pending.turnId()))) return false;
            if (!store.claim(sessionId, SessionStatus.AWAITING_APPROVAL, SessionStatus.RUNNING, ownerId)) return false;
            SessionTurn parked = new SessionTurn(context, store.get(sessionId).orElseThrow(), pending);
            active.put(sessionId, parked);
            try {
                parked.cancelParked();
            } finally {
                active.remove(sessionId, parked);
            }
            return true;
        }
        return false;
    }

    public List<SessionRecord> sessions(int limit) {
        reconcile();
        return store.list(limit);
    }

    /** @throws ToolCallException SessionNotFound */
    public SessionView session(String sessionId) {
        reconcileOne(sessionId);
        SessionRecord session = store.get(sessionId)
                .orElseThrow(() -> new ToolCallException(
                        ErrorCode.SessionNotFound,
                        "no chat session has id '" + sessionId + "'; list them with sessions/list"));
        return new SessionView(session, store.messages(sessionId), store.steps(sessionId));
    }

    /** Resumes parked turns whose run moved on (decided here, in another process, or before a restart). */
    public void reconcile() {
        for (SessionRecord session : store.withStatus(SessionStatus.AWAITING_APPROVAL)) reconcileOne(session.id());
    }

    /** Reconciles parked turns on a timer, for decisions made in another process (a CLI next to the editor). */
    public synchronized void reconcileEvery(java.time.Duration interval) {
        if (reconciler != null || closed) return;
        reconciler = Executors.newSingleThreadScheduledExecutor(daemonThreads("productos-supervisor-reconcile"));
        reconciler.scheduleWithFixedDelay(
                () -> {
                    try {
                        reconcile();
                    } catch (RuntimeException e) {
                        LOG.warn("reconciling paused chat turns failed: {}", e.getMessage());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void runUpdated(Run run) {
        if (closed || run.sessionId() == null || !Actor.SUPERVISOR.wireName().equals(run.actor())) return;
        if (run.status() == RunStatus.AWAITING_APPROVAL || active.containsKey(run.sessionId())) return;
        // Called inside the control plane (for example inside approvals/decide): resume elsewhere.
        try {
            turns.execute(() -> reconcileOne(run.sessionId()));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The backend is closing; the next start reconciles.
        }
    }

    private void reconcileOne(String sessionId) {
        synchronized (parkingLock(sessionId)) {
            resumeIfDecided(sessionId);
        }
    }

    /**
     * The turn has stored itself as awaiting approval. It leaves the running turns first, so a
     * decision from now on is seen by {@link #runUpdated}; then a decision that came while it was
     * parking is looked for here, before the turn announces the pause: once a client sees
     * turn_finished, this process does nothing more for the turn until a decision resumes it.
     */
    private boolean park(SessionTurn turn, Runnable announce) {
        String sessionId = turn.sessionId();
        synchronized (parkingLock(sessionId)) {
            active.remove(sessionId, turn);
            if (!closed
                    && decided(sessionId)
                    && store.claim(sessionId, SessionStatus.AWAITING_APPROVAL, SessionStatus.RUNNING, ownerId)) {
                active.put(sessionId, turn);
                return false;
            }
            announce.run();
            return true;
        }
    }

    private Object parkingLock(String sessionId) {
        return parkingLocks.computeIfAbsent(sessionId, id -> new Object());
    }

    /** Whether the run a parked session waits on has moved on from awaiting approval. */
    private boolean decided(String sessionId) {
        SessionRecord session = store.get(sessionId).orElse(null);
        if (session == null || session.status() != SessionStatus.AWAITING_APPROVAL) return false;
        PendingTurn pending = PendingTurn.fromJson(session.pendingJson());
        if (pending == null || pending.active() == null || pending.active().runId() == null) return false;
        try {
            return controlPlane.get(pending.active().runId()).status() != RunStatus.AWAITING_APPROVAL;
        } catch (ToolCallException gone) {
            return false;
        }
    }

    private void resumeIfDecided(String sessionId) {
        if (closed || active.containsKey(sessionId)) return;
        SessionRecord session = store.get(sessionId).orElse(null);
        if (session == null || session.status() != SessionStatus.AWAITING_APPROVAL) return;
        PendingTurn pending = PendingTurn.fromJson(session.pendingJson());
        if (pending == null || pending.active() == null || pending.active().runId() == null) return;
        Run run;
        try {
            run = controlPlane.get(pending.active().runId());
        } catch (ToolCallException gone) {
            return;
        }
        if (run.status() == RunStatus.AWAITING_APPROVAL) return;
        // A run another process is executing is waited for there; this one resumes once it has ended.
        if (!run.status().isTerminal()
                && !run.status().equals(RunStatus.QUEUED)
                && !run.status().equals(RunStatus.RUNNING)) return;
        if (!store.claim(sessionId, SessionStatus.AWAITING_APPROVAL, SessionStatus.RUNNING, ownerId)) return;
        SessionTurn turn = new SessionTurn(context, store.get(sessionId).orElseThrow(), pending);
        if (active.putIfAbsent(sessionId, turn) != null) return;
        LOG.info(
                "resuming turn {} of session {} in {}: run {} is {}",
                pending.turnId(),
                sessionId,
                ownerId,
                run.id(),
                run.status().wireName());
        submit(turn);
    }

    private void submit(SessionTurn turn) {
        turns.execute(() -> {
            try {
                turn.run();
            } finally {
                // A parked turn left the running turns in park(), where a decision made meanwhile is looked for.
                active.remove(turn.sessionId(), turn);
            }
        });
    }

    private void emit(String sessionId, String turnId, String type, ObjectNode fields) {
        long seq = seqs.computeIfAbsent(sessionId, id -> new AtomicLong(store.lastSeq(id)))
                .incrementAndGet();
        Instant at = clock.instant();
        ObjectNode json = Json.object()
                .put("sessionId", sessionId)
                .put("turnId", turnId)
                .put("seq", seq)
                .put("type", type)
                .put("at", at.toString());
        json.setAll(fields);
        SupervisorEvent event = new SupervisorEvent(sessionId, turnId, seq, type, at, json);
        store.appendEvent(sessionId, seq, turnId, type, Json.write(json));
        for (SupervisorEventListener listener : listeners) {
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                LOG.warn("a supervisor event listener failed", e);
            }
        }
    }

    private String newId(String prefix, Instant now) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return prefix + "-" + Long.toString(now.toEpochMilli(), 36) + "-"
                + java.util.HexFormat.of().formatHex(bytes);
    }

    private static String title(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= TITLE_CHARS ? line : line.substring(0, TITLE_CHARS - 1) + "…";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Cancels running turns (they end as cancelled, their runs too) and stops the threads. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (reconciler != null) reconciler.shutdownNow();
        }
        controlPlane.removeListener(this);
        for (SessionTurn turn : active.values()) turn.cancelSignal().cancel();
        turns.shutdown();
        try {
            if (!turns.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) turns.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        modelThreads.shutdownNow();
        provider.close();
    }
}
