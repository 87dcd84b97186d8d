package com.productos.registry;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A JSON Schema compiled once at registry load; validation reports JSON pointers, not JSON paths. */
public final class CompiledSchema {
    private final JsonNode source;
    private final Schema schema;

    CompiledSchema(JsonNode source, Schema schema) {
        this.source = source;
        this.schema = schema;
    }

    public JsonNode source() {
        return source;
    }

    public List<FieldError> validate(JsonNode value) {
        List<FieldError> errors = new ArrayList<>();
        for (Error error : schema.validate(value)) {
            String pointer = pointerOf(error.getInstanceLocation());
            // A missing required property is reported on its parent; point at the property itself.
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                pointer = pointer + "/" + escape(error.getProperty());
            }
            errors.add(new FieldError(pointer, messageOf(error)));
        }
        return errors;
    }

    private static String messageOf(Error error) {
        String message = error.getMessage();
        // networknt prefixes messages with the JSON path ("$.a.b: ..."); the pointer already says where.
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        return message;
    }

    static String pointerOf(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
