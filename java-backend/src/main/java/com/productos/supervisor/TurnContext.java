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
        ToolCatalog catalog,
        ModelContextFilter filter,
        ModelProvider provider,
        ModelCaller caller,
        ModelPrice price,
        SupervisorLimits limits,
        Clock clock,
        EventSink events) {

    /** Sends one event of a session (seq, time and persistence are the sink's business). */
    interface EventSink {
        void emit(String sessionId, String turnId, String type, tools.jackson.databind.node.ObjectNode fields);
    }
}
