package com.productos.policy;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A test on one input field, addressed by a dotted path ("deploy.min_instances"): equal to a value,
 * one of a list, or present/absent. Values compare as JSON, so 1 and "1" differ.
 */
public record InputPredicate(String path, JsonNode equalsValue, List<JsonNode> oneOf, Boolean exists) {

    public boolean matches(JsonNode input) {
        JsonNode value = input;
        for (String part : path.split("\\.")) {
            value = value == null ? null : value.get(part);
        }
        boolean present = value != null && !value.isNull() && !value.isMissingNode();
        if (exists != null) return exists == present;
        if (!present) return false;
        if (equalsValue != null) return equalsValue.equals(value);
        return oneOf.contains(value);
    }
}
