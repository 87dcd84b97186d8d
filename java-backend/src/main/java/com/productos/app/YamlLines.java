package com.productos.app;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where each value of a YAML document starts, by JSON pointer ("/rules/2/decision"), so an error the
 * loaders report by field name can also say the line to look at. Scalars are kept too, to find a list
 * item by its name.
 */
final class YamlLines {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, String> scalars = new HashMap<>();

    private YamlLines() {}

    /** The lines of {@code text}; a document that does not parse gives what was read before the fault. */
    static YamlLines of(String text) {
        YamlLines found = new YamlLines();
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY)
                    continue;
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                found.lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                if (token.isScalarValue()) found.scalars.put(pointer, parser.getString());
            }
        } catch (JacksonException broken) {
            // The loader reports the syntax error with its own line; keep what was read.
        }
        return found;
    }

    /** The line of {@code pointer}, or of its nearest ancestor that is in the document. */
    Optional<Integer> lineOf(String pointer) {
        for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
            Integer line = lines.get(at);
            if (line != null) return Optional.of(line);
            if (at.isEmpty()) return Optional.empty();
        }
    }

    /** The pointer of the item of list {@code listPointer} whose {@code key} is {@code value}. */
    Optional<String> itemWith(String listPointer, String key, String value) {
        for (int i = 0; lines.containsKey(listPointer + "/" + i); i++) {
            if (value.equals(scalars.get(listPointer + "/" + i + "/" + key))) return Optional.of(listPointer + "/" + i);
        }
        return Optional.empty();
    }
}
