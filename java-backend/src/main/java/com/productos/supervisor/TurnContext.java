package com.productos.supervisor;

import com.productos.control.ControlPlane;
import com.productos.supervisor.model.ModelContextFilter;
import com.productos.supervisor.model.ModelPrice;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.session.SessionStore;
import java.time.Clock;

/** What every turn of one supervisor shares. */
record TurnContext(
        ControlPlane controlPlane,
        SessionStore store,
        LiveToolCatalog catalogs,
        ModelContextFilter filter,
        ModelProvider provider,
        ModelCaller caller,
        ModelPrice price,
        SupervisorLimits limits,
        Clock clock,
        EventSink events,
        ParkingGate parking) {

    /** The tools as the model sees them, from the registry in force for this step. */
    ToolCatalog catalog() {
        return catalogs.current();
    }

    /** Sends one event of a session (seq, time and persistence are the sink's business). */
    interface EventSink {
        void emit(String sessionId, String turnId, String type, tools.jackson.databind.node.ObjectNode fields);
    }

    /**
     * Where a turn that waits for a person hands itself over. The turn has persisted itself as
     * awaiting approval; the gate either takes it out of the running turns and lets it announce the
     * pause (true), or, when the run was decided meanwhile, gives the session back to it to go on
     * (false). Announcing inside the gate makes turn_finished the turn's last act in this process.
     */
    interface ParkingGate {
        boolean park(SessionTurn turn, Runnable announce);
    }
}
