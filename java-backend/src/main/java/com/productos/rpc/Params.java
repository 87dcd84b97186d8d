package com.productos.rpc;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks of request parameters that Gson's binding cannot make (required, non-blank, ranges, enums).
 * Each failure is an {@link IllegalArgumentException} naming the field, which the exception handler
 * answers as InvalidParams.
 */
final class Params {
    private Params() {}

    static <T> T present(T params, String shape) {
        if (params == null) throw new IllegalArgumentException("params are required: " + shape);
        return params;
    }

    static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("params." + field + " is required (a non-empty string)");
        }
        return value;
    }

    static String optionalText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("params." + field + " must not be blank; leave it out instead");
        }
        return value;
    }

    static int limit(Integer value, String field, int defaultValue, int max) {
        if (value == null) return defaultValue;
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("params." + field + " must be between 1 and " + max + ", was " + value);
        }
        return value;
    }

    /** Parses an optional enum-like value with the type's own parser; the message lists the allowed values. */
    static <T> T optionalChoice(
            String value, String field, Function<String, Optional<T>> parser, List<String> allowed) {
        if (value == null) return null;
        return parser.apply(value)
                .orElseThrow(() ->
                        new IllegalArgumentException("params." + field + " '" + value + "' is not one of " + allowed));
    }
}
