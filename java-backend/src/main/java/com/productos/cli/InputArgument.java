package com.productos.cli;

import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** Reads a tool input given inline as JSON or as {@code @FILE}. */
final class InputArgument {
    private InputArgument() {}

    static JsonNode read(String argument) {
        String text = argument;
        String source = "--input";
        if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            source = file.toString();
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.USAGE, "cannot read input file " + file + ": " + e.getMessage());
            }
        }
        try {
            JsonNode input = Json.parse(text);
            if (!input.isObject()) {
                throw new CliFailure(
                        ExitCodes.USAGE,
                        source + " must be a JSON object, like --input '{\"profile_id\":\"default\"}'");
            }
            return input;
        } catch (JsonParseFailure e) {
            throw new CliFailure(ExitCodes.USAGE, source + " is not valid JSON: " + e.getMessage());
        }
    }
}
