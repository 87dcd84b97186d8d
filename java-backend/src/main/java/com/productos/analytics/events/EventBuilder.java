package com.productos.analytics.events;

import com.productos.json.Json;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the fields of one incoming event and builds it. Every path into the warehouse (file import,
 * the ingest endpoint, the events.ingest tool) goes through here, so they accept and refuse alike.
 */
public final class EventBuilder {
    private final EventLimits limits;

    public EventBuilder(EventLimits limits) {
        this.limits = limits;
    }

    /**
     * Builds the event, or throws {@link IllegalArgumentException} naming the field that is wrong.
     * {@code insertId} and {@code properties} may be null.
     */
    public Event build(String userId, String eventName, Instant timestamp, ObjectNode properties, String insertId) {
        String user = required("user_id", userId, limits.maxIdChars());
        String name = required("event_name", eventName, limits.maxEventNameChars());
        if (timestamp == null) throw new IllegalArgumentException("timestamp is missing");
        String id = insertId == null || insertId.isBlank() ? null : insertId.trim();
        if (id != null && id.length() > limits.maxIdChars()) {
            throw new IllegalArgumentException("insert_id is longer than " + limits.maxIdChars() + " characters");
        }
        ObjectNode props = properties == null || properties.isEmpty() ? null : properties;
        if (props != null) {
            int bytes = Json.write(props).length();
            if (bytes > limits.maxPropertiesBytes()) {
                throw new IllegalArgumentException("properties are " + bytes + " bytes, more than the limit of "
                        + limits.maxPropertiesBytes() + "; send fewer or shorter properties");
            }
        }
        return new Event(
                user, name, timestamp, props, id != null ? id : EventKeys.derivedInsertId(user, name, timestamp));
    }

    private static String required(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is missing or empty");
        String trimmed = value.trim();
        if (trimmed.length() > maxChars) {
            throw new IllegalArgumentException(field + " is longer than " + maxChars + " characters");
        }
        return trimmed;
    }
}
