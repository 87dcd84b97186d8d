package com.productos.supervisor.session;

import java.time.Instant;

/** One line of a session as a person reads it: user, assistant or tool (with its run). */
public record SessionMessage(String role, String text, Instant at, String runId, String tool) {}
