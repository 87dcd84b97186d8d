package com.productos.analytics.sql;

import com.productos.registry.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A match on event properties: {@code {"plan": "pro", "country": ["DE", "FR"]}} means plan equals
 * "pro" and country is DE or FR. Values are compared as text (numbers and booleans by their JSON
 * text: 3 matches "3", true matches "true"); an event without the property never matches.
 */
public record PropertyFilter(Map<String, List<String>> allowedValues) {
    public static final PropertyFilter NONE = new PropertyFilter(Map.of());

    public PropertyFilter {
        allowedValues = Map.copyOf(allowedValues);
    }

    public boolean isEmpty() {
        return allowedValues.isEmpty();
    }

    /** Parses a filter object, adding one error per problem to {@code errors}. */
    public static PropertyFilter parse(JsonNode node, String pointer, List<FieldError> errors) {
        if (node == null || node.isMissingNode() || node.isNull()) return NONE;
        if (!node.isObject()) {
            errors.add(new FieldError(pointer, "must be an object of property: value or property: [values]"));
            return NONE;
        }
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
            if (!PropertyKeys.isValid(key)) {
                errors.add(new FieldError(
                        at, "property name must be letters, digits and _ (at most 64), starting with a letter or _"));
                continue;
            }
            JsonNode value = entry.getValue();
            List<String> values = new ArrayList<>();
            if (value.isArray()) {
                if (value.isEmpty()) errors.add(new FieldError(at, "an in-list must name at least one value"));
                for (int i = 0; i < value.size(); i++) {
                    String text = scalar(value.get(i));
                    if (text == null) errors.add(new FieldError(at + "/" + i, "must be a string, number or boolean"));
                    else values.add(text);
                }
            } else {
                String text = scalar(value);
                if (text == null) errors.add(new FieldError(at, "must be a string, number, boolean or a list of them"));
                else values.add(text);
            }
            if (!values.isEmpty()) allowed.put(key, List.copyOf(values));
        }
        return new PropertyFilter(allowed);
    }

    private static String scalar(JsonNode value) {
        if (value.isString()) return value.asString();
        if (value.isNumber() || value.isBoolean()) return value.asString();
        return null;
    }

    /** Appends a SQL condition (always parenthesised) over the JSON column {@code column}. */
    public void appendCondition(SqlStatement sql, String column) {
        if (allowedValues.isEmpty()) {
            sql.sql("(TRUE)");
            return;
        }
        sql.sql("(");
        boolean first = true;
        for (Map.Entry<String, List<String>> entry : allowedValues.entrySet()) {
            if (!first) sql.sql(" AND ");
            first = false;
            sql.sql(sql.dialect().propertyText(column, entry.getKey())).sql(" IN (");
            for (int i = 0; i < entry.getValue().size(); i++) {
                if (i > 0) sql.sql(", ");
                sql.param(entry.getValue().get(i));
            }
            sql.sql(")");
        }
        sql.sql(")");
    }
}
