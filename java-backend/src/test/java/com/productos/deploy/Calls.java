package com.productos.deploy;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Calls an executor module's handler the way the control plane does: the input is first validated
 * against the tool's inputSchema, and every output is checked against its outputSchema.
 */
public final class Calls {
    public static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();

    private Calls() {}

    public static JsonNode call(ExecutorModule module, String tool, String inputJson) throws ExecutorFailure {
        return call(module, tool, Json.parse(inputJson), "run-" + UUID.randomUUID());
    }

    public static JsonNode call(ExecutorModule module, String tool, JsonNode input, String runId)
            throws ExecutorFailure {
        ToolDefinition definition = REGISTRY.find(tool).orElseThrow(() -> new AssertionError("no tool " + tool));
        List<FieldError> inputErrors = definition.inputSchema().validate(input);
        if (!inputErrors.isEmpty()) throw new AssertionError("test input is off-contract: " + inputErrors);
        ExecutorHandler handler = module.routes().get(definition.executor().path());
        if (handler == null)
            throw new AssertionError(module.executorName() + " has no route "
                    + definition.executor().path());
        JsonNode output = handler.handle(
                new ExecutorRequest(definition.executor().path(), input, runId, null, "user", new ExecutorLog()));
        List<FieldError> outputErrors = definition.outputSchema().validate(output);
        if (!outputErrors.isEmpty())
            throw new AssertionError(tool + " output is off-contract: " + outputErrors + " in " + output);
        return output;
    }
}
