package com.productos.supervisor.session;

import java.util.List;
import java.util.Optional;

/** Where chat sessions live (SQLite in the workspace's .productos/ by default). */
public interface SessionStore {
    void insert(SessionRecord session);

    Optional<SessionRecord> get(String sessionId);

    /** Most recently updated first. */
    List<SessionRecord> list(int limit);

    List<SessionRecord> withStatus(SessionStatus status);

    void update(SessionRecord session);

    /**
     * Updates the session and appends entries to its model-facing conversation, in one transaction:
     * a step costs what it adds, not the size of the conversation so far.
     */
    void update(SessionRecord session, List<String> appendedTranscriptEntries);

    /** The session's conversation entries (JSON, one per entry), oldest first. */
    List<String> transcript(String sessionId);

    /**
     * Moves a session from {@code expected} to {@code next} owned by {@code ownerId}, only if it is
     * still in {@code expected}; true when this caller won (another process may race for it).
     */
    boolean claim(String sessionId, SessionStatus expected, SessionStatus next, String ownerId);

    void appendMessage(String sessionId, SessionMessage message);

    List<SessionMessage> messages(String sessionId);

    void appendStep(ModelStepRecord step);

    List<ModelStepRecord> steps(String sessionId);

    /** Records an event the session's client was sent. */
    void appendEvent(String sessionId, long seq, String turnId, String type, String json);

    /** The highest event seq recorded for the session, 0 when none. */
    long lastSeq(String sessionId);
}
