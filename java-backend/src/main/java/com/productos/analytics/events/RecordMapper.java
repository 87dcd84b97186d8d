package com.productos.analytics.events;

import com.productos.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one source record (a CSV row or Parquet row as an object of columns, or a JSONL object) into
 * events through a {@link ColumnMapping}. A field that cannot be read refuses that event only.
 */
final class RecordMapper {
    private final ColumnMapping mapping;
    private final EventBuilder builder;
    private final String arrayPrefix;

    RecordMapper(ColumnMapping mapping, EventBuilder builder) {
        this.mapping = mapping;
        this.builder = builder;
        this.arrayPrefix = mapping.explodedArray().orElse(null);
    }

    /** One outcome per event found in the record: the event, or the reason it was refused. */
    List<Outcome> map(JsonNode record) {
        if (arrayPrefix == null) return List.of(mapOne(record, null, ""));
        JsonNode array = resolve(record, arrayPrefix);
        if (!array.isArray()) {
            return List.of(Outcome.refused("'" + arrayPrefix + "' is not an array"));
        }
        List<Outcome> outcomes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
            outcomes.add(mapOne(record, array.get(i), arrayPrefix + "[" + i + "]: "));
        return outcomes;
    }

    private Outcome mapOne(JsonNode record, JsonNode element, String where) {
        try {
            String user = text(record, element, mapping.userIdColumn());
            String name = text(record, element, mapping.eventNameColumn());
            String rawTimestamp = text(record, element, mapping.timestampColumn());
            if (rawTimestamp == null)
                throw new IllegalArgumentException(
                        "timestamp column '" + mapping.timestampColumn() + "' is empty or missing");
            ObjectNode properties = properties(record, element);
            String insertId = mapping.insertIdColumn() == null ? null : text(record, element, mapping.insertIdColumn());
            if (user == null)
                throw new IllegalArgumentException(
                        "user_id column '" + mapping.userIdColumn() + "' is empty or missing");
            if (name == null)
                throw new IllegalArgumentException(
                        "event_name column '" + mapping.eventNameColumn() + "' is empty or missing");
            return Outcome.of(builder.build(
                    user, name, TimestampParser.parse(rawTimestamp, mapping.unit()), properties, insertId));
        } catch (IllegalArgumentException e) {
            return Outcome.refused(where + e.getMessage());
        }
    }

    private ObjectNode properties(JsonNode record, JsonNode element) {
        ObjectNode properties = null;
        if (mapping.propertiesColumn() != null) {
            JsonNode value = value(record, element, mapping.propertiesColumn());
            if (value.isString() && !value.asString().isBlank()) {
                try {
                    value = Json.parse(value.asString());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "properties column '" + mapping.propertiesColumn() + "' is not JSON");
                }
            }
            if (value.isObject()) properties = ((ObjectNode) value).deepCopy();
            else if (!value.isMissingNode()
                    && !value.isNull()
                    && !(value.isString() && value.asString().isBlank())) {
                throw new IllegalArgumentException(
                        "properties column '" + mapping.propertiesColumn() + "' is not a JSON object");
            }
        }
        for (Map.Entry<String, String> entry : mapping.propertyColumns().entrySet()) {
            JsonNode value = value(record, element, entry.getValue());
            if (value.isMissingNode()
                    || value.isNull()
                    || (value.isString() && value.asString().isEmpty())) continue;
            if (properties == null) properties = Json.object();
            properties.set(entry.getKey(), value);
        }
        return properties;
    }

    private String text(JsonNode record, JsonNode element, String column) {
        JsonNode value = value(record, element, column);
        if (value.isMissingNode() || value.isNull()) return null;
        if (value.isString()) return value.asString().isBlank() ? null : value.asString();
        if (value.isIntegralNumber()) return value.bigIntegerValue().toString();
        if (value.isNumber() || value.isBoolean()) return value.asString();
        throw new IllegalArgumentException(
                "column '" + column + "' holds " + value.getNodeType().name().toLowerCase() + ", not a value");
    }

    private JsonNode value(JsonNode record, JsonNode element, String column) {
        if (arrayPrefix != null && column.startsWith(arrayPrefix + "[]")) {
            String rest = column.substring(arrayPrefix.length() + 2);
            if (rest.startsWith(".")) rest = rest.substring(1);
            return rest.isEmpty() ? element : resolve(element, rest);
        }
        return resolve(record, column);
    }

    /** A column by exact name first (CSV headers may contain dots), then as a dotted path. */
    private static JsonNode resolve(JsonNode node, String path) {
        JsonNode direct = node.path(path);
        if (!direct.isMissingNode() || path.indexOf('.') < 0) return direct;
        JsonNode current = node;
        for (String segment : path.split("\\.")) current = current.path(segment);
        return current;
    }

    /** An event, or the reason one was refused. */
    record Outcome(Event event, String refusal) {
        static Outcome of(Event event) {
            return new Outcome(event, null);
        }

        static Outcome refused(String reason) {
            return new Outcome(null, reason);
        }
    }
}
