package com.productos.observability;

import com.productos.config.DeployTarget;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.RegistryRoutes;
import com.productos.googlecloud.CloudSettings;
import com.productos.json.Json;
import com.productos.logfiles.LocalLogLayout;
import com.productos.logfiles.LogLine;
import com.productos.observability.cloud.CloudLoggingLogSource;
import com.productos.observability.local.LocalLogSource;
import com.productos.registry.ToolRegistry;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "observability" executor: logs.tail, over the local log files or Cloud Logging, following
 * {@code deploy.backend} so that logs are read where services run.
 */
public final class ObservabilityModule implements ExecutorModule {
    public static final String NAME = "observability";
    private final LogSource source;
    private final Map<String, ExecutorHandler> routes;

    public ObservabilityModule(LogSource source, ToolRegistry registry) {
        this.source = source;
        this.routes = new RegistryRoutes(registry, NAME)
                .tool("logs.tail", request -> {
                    List<LogLine> lines = source.tail(LogQuery.fromInput(request.input()));
                    ObjectNode out = Json.object();
                    lines.forEach(line -> out.withArray("lines").add(line.toJson()));
                    if (lines.isEmpty()) out.putArray("lines");
                    return out;
                })
                .build();
    }

    /** The catalog entry: logs read where {@code deploy.backend} runs services. */
    public static ExecutorModuleFactory factory() {
        return ExecutorModuleFactory.named(NAME, ObservabilityModule::create);
    }

    public static ObservabilityModule create(ExecutorEnvironment environment) {
        JsonNode section = environment.config().section("deploy");
        LocalLogSource local = new LocalLogSource(new LocalLogLayout(environment.workspace()), environment.clock());
        LogSource source = DeployTarget.kind(section).equals(DeployTarget.CLOUD_RUN)
                ? CloudLoggingLogSource.create(
                        CloudSettings.fromConfig(section.path("cloudrun"), environment.config()),
                        local,
                        environment.clock())
                : local;
        return new ObservabilityModule(source, environment.registry());
    }

    @Override
    public String executorName() {
        return NAME;
    }

    @Override
    public Map<String, ExecutorHandler> routes() {
        return routes;
    }

    @Override
    public void close() {
        source.close();
    }
}
