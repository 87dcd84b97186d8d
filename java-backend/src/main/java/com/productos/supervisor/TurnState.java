package com.productos.supervisor;

import com.productos.supervisor.model.TranscriptCodec;
import com.productos.supervisor.model.TranscriptEntry;
import com.productos.supervisor.session.PendingTurn;
import com.productos.supervisor.session.SessionRecord;
import com.productos.supervisor.session.SessionStatus;
import com.productos.supervisor.session.SessionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a turn has to keep: the stored session, the turn's own progress and the model-facing
 * conversation, written to the store each time they change so a restart finds them as they were.
 */
final class TurnState {
    private final SessionStore store;
    private final Clock clock;
    private final List<TranscriptEntry> transcript;
    /** How many of {@link #transcript}'s entries the store has; entries never change once added. */
    private int storedEntries;

    private SessionRecord session;
    private PendingTurn pending;

    TurnState(SessionStore store, Clock clock, SessionRecord session, PendingTurn pending) {
        this.store = store;
        this.clock = clock;
        this.session = session;
        this.pending = pending;
        this.transcript = new ArrayList<>(TranscriptCodec.readEntries(store.transcript(session.id())));
        this.storedEntries = transcript.size();
    }

    SessionRecord session() {
        return session;
    }

    PendingTurn pending() {
        return pending;
    }

    void session(SessionRecord next) {
        session = next;
    }

    void pending(PendingTurn next) {
        pending = next;
    }

    List<TranscriptEntry> transcript() {
        return Collections.unmodifiableList(transcript);
    }

    void add(TranscriptEntry entry) {
        transcript.add(entry);
    }

    /** Stores the session with the turn still going (running or parked). */
    void persist() {
        session = session.withState(pending.toJson(), clock.instant());
        store(session);
    }

    /** Stores the session idle, with no turn left to resume. */
    void persistEnded() {
        session = session.withStatus(SessionStatus.IDLE, null, clock.instant());
        session = session.withState(null, clock.instant());
        store(session);
    }

    private void store(SessionRecord next) {
        List<String> added = new ArrayList<>(transcript.size() - storedEntries);
        for (TranscriptEntry entry : transcript.subList(storedEntries, transcript.size()))
            added.add(TranscriptCodec.writeEntry(entry));
        store.update(next, added);
        storedEntries = transcript.size();
    }
}
