package com.productos.analytics.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which source columns hold the event fields, parsed from
 * {@code user_id=COL,event_name=COL,timestamp=COL[,unit=s|ms|us][,insert_id=COL][,properties=COL][,prop.NAME=COL]}.
 *
 * <p>COL is a CSV header or Parquet column name; in JSONL it is a field path with dots for nested
 * objects ({@code context.user.id}). One array may be exploded with {@code []}: with
 * {@code user_id=session,event_name=events[].type,timestamp=events[].ts} each element of
 * {@code events} becomes one event, and fields without {@code []} are read from the enclosing line.
 * {@code properties=COL} names a JSON object column; {@code prop.NAME=COL} copies a column into
 * property NAME.
 */
public record ColumnMapping(
        String userIdColumn,
        String eventNameColumn,
        String timestampColumn,
        TimestampUnit unit,
        String insertIdColumn,
        String propertiesColumn,
        Map<String, String> propertyColumns) {

    public ColumnMapping {
        propertyColumns = Map.copyOf(propertyColumns);
    }

    public static ColumnMapping of(
            String userIdColumn, String eventNameColumn, String timestampColumn, TimestampUnit unit) {
        return new ColumnMapping(userIdColumn, eventNameColumn, timestampColumn, unit, null, null, Map.of());
    }

    /** Parses the command-line form; throws {@link IllegalArgumentException} saying what is wrong. */
    public static ColumnMapping parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("mapping entry '" + part.trim() + "' is not KEY=COLUMN");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.startsWith("prop.") && key.length() > 5) {
                props.put(key.substring(5), value);
            } else if (List.of("user_id", "event_name", "timestamp", "unit", "insert_id", "properties")
                    .contains(key)) {
                if (pairs.put(key, value) != null)
                    throw new IllegalArgumentException("mapping names '" + key + "' twice");
            } else {
                throw new IllegalArgumentException("unknown mapping key '" + key
                        + "'; use user_id, event_name, timestamp, unit, insert_id, properties or prop.NAME");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("user_id", "event_name", "timestamp")) if (!pairs.containsKey(key)) missing.add(key);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("mapping is missing " + String.join(", ", missing)
                    + "; e.g. --map user_id=COL,event_name=COL,timestamp=COL,unit=ms");
        }
        TimestampUnit unit = null;
        if (pairs.containsKey("unit")) {
            unit = TimestampUnit.parse(pairs.get("unit"))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unit '" + pairs.get("unit") + "' is unknown; use s, ms or us"));
        }
        ColumnMapping mapping = new ColumnMapping(
                pairs.get("user_id"),
                pairs.get("event_name"),
                pairs.get("timestamp"),
                unit,
                pairs.get("insert_id"),
                pairs.get("properties"),
                props);
        mapping.explodedArray();
        return mapping;
    }

    /** Every source column the mapping reads. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(userIdColumn, eventNameColumn, timestampColumn));
        if (insertIdColumn != null) columns.add(insertIdColumn);
        if (propertiesColumn != null) columns.add(propertiesColumn);
        columns.addAll(propertyColumns.values());
        return columns;
    }

    /** The array path exploded with {@code []}, if any; at most one array may be exploded. */
    public Optional<String> explodedArray() {
        String found = null;
        for (String column : columns()) {
            int at = column.indexOf("[]");
            if (at < 0) continue;
            if (column.indexOf("[]", at + 2) >= 0) {
                throw new IllegalArgumentException(
                        "column '" + column + "' explodes more than one array; only one is supported");
            }
            String prefix = column.substring(0, at);
            if (found != null && !found.equals(prefix)) {
                throw new IllegalArgumentException(
                        "mapping explodes both '" + found + "[]' and '" + prefix + "[]'; use one array");
            }
            found = prefix;
        }
        return Optional.ofNullable(found);
    }
}
