package com.productos.supervisor;

/** What supervisor/send answers at once: the session, the new turn and the model that will answer. */
public record SendReceipt(String sessionId, String turnId, String provider, String model) {}
