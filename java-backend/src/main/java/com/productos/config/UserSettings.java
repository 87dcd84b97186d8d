package com.productos.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Settings that belong to the person, not to a workspace: {@code settings.yaml} in the user's
 * configuration folder ({@code $PRODUCTOS_USER_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/productos},
 * else {@code ~/.config/productos}). What a cloned repository could abuse lives here, because a file
 * inside the workspace must not be able to grant it.
 *
 * <pre>
 * imports:
 *   allowed_paths: [/data/exports]     # folders events.import_file may read besides the workspace
 * policy:
 *   relax_floors:                      # bundled policy floors this person has switched off
 *     - publishing-needs-approval
 * </pre>
 */
public record UserSettings(Path file, List<Path> importAllowedPaths, List<String> relaxedFloors) {
    public static final String FILE_NAME = "settings.yaml";
    public static final String DIR_VARIABLE = "PRODUCTOS_USER_CONFIG_DIR";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public UserSettings {
        importAllowedPaths = List.copyOf(importAllowedPaths);
        relaxedFloors = List.copyOf(relaxedFloors);
    }

    /** No user settings: imports only from the workspace, every floor holds. */
    public static UserSettings none(Path file) {
        return new UserSettings(file, List.of(), List.of());
    }

    /** The folder settings.yaml is read from, for this environment. */
    public static Path directory(Map<String, String> environment) {
        String own = environment.get(DIR_VARIABLE);
        if (own != null && !own.isBlank()) return Path.of(own).toAbsolutePath().normalize();
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank())
            return Path.of(xdg, "productos").toAbsolutePath().normalize();
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "productos").toAbsolutePath().normalize();
    }

    public static UserSettings load(Map<String, String> environment) {
        return load(directory(environment).resolve(FILE_NAME));
    }

    public static UserSettings load(Path file) {
        if (!Files.isRegularFile(file)) return none(file);
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage() + "; fix or remove the file");
        }
        if (root == null || root.isNull() || root.isMissingNode()) return none(file);
        if (!root.isObject()) throw new ConfigException(file + " must be a mapping (imports:, policy:)");
        List<Path> allowed = new ArrayList<>();
        for (String text : strings(file, root.path("imports").path("allowed_paths"), "imports.allowed_paths")) {
            Path path = Path.of(text);
            if (!path.isAbsolute()) {
                throw new ConfigException(
                        file + ": imports.allowed_paths entry '" + text + "' must be an absolute folder");
            }
            allowed.add(path.normalize());
        }
        List<String> relaxed = strings(file, root.path("policy").path("relax_floors"), "policy.relax_floors");
        return new UserSettings(file, allowed, relaxed);
    }

    private static List<String> strings(Path file, JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) return values;
        if (!node.isArray()) throw new ConfigException(file + ": " + where + " must be a list");
        for (JsonNode value : node) {
            if (!value.isString() || value.asString().isBlank()) {
                throw new ConfigException(file + ": every entry of " + where + " must be a non-empty string");
            }
            values.add(value.asString().trim());
        }
        return values;
    }
}
