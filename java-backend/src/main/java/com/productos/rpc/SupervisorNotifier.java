package com.productos.rpc;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.productos.json.Json;
import com.productos.rpc.protocol.ProductOsClient;
import com.productos.supervisor.SupervisorEvent;
import com.productos.supervisor.SupervisorEventListener;

/** Sends every supervisor event to the client as a supervisor/event notification. */
final class SupervisorNotifier implements SupervisorEventListener {
    private final ProductOsClient client;

    SupervisorNotifier(ProductOsClient client) {
        this.client = client;
    }

    @Override
    public void event(SupervisorEvent event) {
        JsonObject wire = JsonParser.parseString(Json.write(event.json())).getAsJsonObject();
        client.event(wire);
    }
}
