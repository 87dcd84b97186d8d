package com.productos.analytics.events;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * One product event. {@code timestamp} is an instant (stored as UTC, microsecond precision);
 * {@code properties} is a JSON object or null; {@code insertId} identifies the event for
 * de-duplication and is never null: when the source gives none it is derived from user, event and
 * timestamp (see {@link EventKeys#derivedInsertId}), so re-importing the same rows never counts twice.
 */
public record Event(String userId, String eventName, Instant timestamp, ObjectNode properties, String insertId) {}
