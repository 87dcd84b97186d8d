package com.productos.control;

import com.productos.registry.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finds strings holding a lone UTF-16 surrogate. JSON escapes can carry one ("\ud800"), but it is not
 * Unicode text: the run store's UTF-8 encoding would silently turn it into "?", so such input is refused.
 */
final class LoneSurrogates {
    private LoneSurrogates() {}

    static List<FieldError> find(JsonNode input) {
        List<FieldError> found = new ArrayList<>();
        walk(input, "", found);
        return found;
    }

    private static void walk(JsonNode node, String pointer, List<FieldError> found) {
        if (node.isString()) {
            check(node.asString(), pointer, "value", found);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), pointer + "/" + i, found);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                check(field.getKey(), child, "field name", found);
                walk(field.getValue(), child, found);
            }
        }
    }

    private static void check(String text, String pointer, String what, List<FieldError> found) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                found.add(new FieldError(
                        pointer,
                        "the " + what + " has a lone UTF-16 surrogate at character " + (i + 1)
                                + "; send valid Unicode text"));
                return;
            }
        }
    }
}
