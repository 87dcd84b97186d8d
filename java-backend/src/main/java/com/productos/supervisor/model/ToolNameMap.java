package com.productos.supervisor.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registry tool names ({@code module.action}) as names every model API accepts, and back. OpenAI
 * refuses dots and Gemini caps names at 64 characters, so a dot becomes {@code __}; the reverse comes
 * from the table built here, never from string surgery, so a name the model invents maps to nothing.
 */
public final class ToolNameMap {
    /** Letter or underscore first, then letters, digits, underscore or dash; at most 64 in all. */
    private static final Pattern PORTABLE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]{0,63}");

    private final Map<String, String> modelByRegistry;
    private final Map<String, String> registryByModel;

    private ToolNameMap(Map<String, String> modelByRegistry, Map<String, String> registryByModel) {
        this.modelByRegistry = Map.copyOf(modelByRegistry);
        this.registryByModel = Map.copyOf(registryByModel);
    }

    /**
     * @throws IllegalArgumentException when a name cannot be made portable or two names would meet
     */
    public static ToolNameMap of(Collection<String> registryNames) {
        Map<String, String> modelByRegistry = new HashMap<>();
        Map<String, String> registryByModel = new HashMap<>();
        for (String name : registryNames) {
            String modelName = name.replace(".", "__");
            if (!PORTABLE.matcher(modelName).matches()) {
                throw new IllegalArgumentException("tool '" + name + "' becomes '" + modelName + "', which model APIs"
                        + " refuse (letter or _ first, then [a-zA-Z0-9_-], at most 64 characters); rename the tool");
            }
            String earlier = registryByModel.putIfAbsent(modelName, name);
            if (earlier != null && !earlier.equals(name)) {
                throw new IllegalArgumentException("tools '" + earlier + "' and '" + name + "' both become '"
                        + modelName + "' for the model; rename one of them");
            }
            modelByRegistry.put(name, modelName);
        }
        return new ToolNameMap(modelByRegistry, registryByModel);
    }

    /** The name the model sees for a registry tool. */
    public String modelName(String registryName) {
        String modelName = modelByRegistry.get(registryName);
        if (modelName == null) throw new IllegalArgumentException("no tool named '" + registryName + "' was mapped");
        return modelName;
    }

    /** The registry tool a model's function name stands for; empty for a name the model made up. */
    public Optional<String> registryName(String modelName) {
        return Optional.ofNullable(registryByModel.get(modelName));
    }
}
