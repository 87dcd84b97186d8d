package com.productos.marketing;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A marketing module on a temporary workspace, called the way the executor server calls it. */
public final class ModuleHarness implements AutoCloseable {
    public static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();
    public final Workspace workspace;
    public final MarketingModule module;
    public ExecutorLog lastLog;

    public ModuleHarness(
            Path root, Clock clock, InMemoryBrandProfiles brands, String configYaml, Runnable afterProviderAnswer) {
        this.workspace = Workspace.open(root);
        JsonNode config = configYaml == null
                ? null
                : tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(configYaml);
        ProductOsConfig productOsConfig = ProductOsConfig.of(config, Map.of());
        this.module = MarketingModuleBuilder.build(
                new ExecutorEnvironment(workspace, REGISTRY, productOsConfig, clock), brands, afterProviderAnswer);
    }

    public ModuleHarness(Path root, Clock clock, InMemoryBrandProfiles brands, String configYaml) {
        this(root, clock, brands, configYaml, () -> {});
    }

    public JsonNode call(String path, String inputJson) throws ExecutorFailure {
        return call(path, Json.parse(inputJson), null);
    }

    public JsonNode call(String path, JsonNode input, String idempotencyKey) throws ExecutorFailure {
        lastLog = new ExecutorLog();
        return module.routes()
                .get(path)
                .handle(new ExecutorRequest(path, input, "run-test", idempotencyKey, "user", lastLog));
    }

    /** The registry path of a marketing tool, where the module serves it. */
    public static String pathOf(String tool) {
        return REGISTRY.find(tool).orElseThrow().executor().path();
    }

    /** Output-schema errors of a registry tool's answer (the control plane rejects any). */
    public static List<FieldError> outputErrors(String tool, JsonNode output) {
        return REGISTRY.find(tool).orElseThrow().outputSchema().validate(output);
    }

    public static List<FieldError> inputErrors(String tool, JsonNode input) {
        return REGISTRY.find(tool).orElseThrow().inputSchema().validate(input);
    }

    @Override
    public void close() throws Exception {
        module.close();
    }
}
