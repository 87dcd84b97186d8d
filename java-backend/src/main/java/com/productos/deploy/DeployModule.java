package com.productos.deploy;

import com.productos.config.DeployTarget;
import com.productos.deploy.cloud.CloudRunDeployBackend;
import com.productos.deploy.local.LocalDeployBackend;
import com.productos.deploy.local.LocalDeploySettings;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.InputFields;
import com.productos.executors.RegistryRoutes;
import com.productos.googlecloud.CloudSettings;
import com.productos.registry.ToolRegistry;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The "deploy" executor: cloudrun.deploy_service, cloudrun.get_service_status and
 * cloudrun.rollback_service, on the backend named by {@code deploy.backend} in .productos/config.yaml
 * ({@code local}, the default, or {@code cloudrun}).
 */
public final class DeployModule implements ExecutorModule {
    public static final String NAME = "deploy";
    private final DeployBackend backend;
    private final Map<String, ExecutorHandler> routes;

    public DeployModule(DeployBackend backend, ToolRegistry registry) {
        this.backend = backend;
        this.routes = new RegistryRoutes(registry, NAME)
                .tool(
                        "cloudrun.deploy_service",
                        request -> backend.deploy(DeployRequest.fromInput(request.input()), request)
                                .toJson())
                .tool(
                        "cloudrun.get_service_status",
                        request -> backend.status(
                                        InputFields.serviceName(request.input(), "service_name"),
                                        InputFields.requiredText(request.input(), "region"))
                                .toJson())
                .tool(
                        "cloudrun.rollback_service",
                        request -> backend.rollback(RollbackRequest.fromInput(request.input()), request)
                                .toJson())
                .build();
    }

    /** The catalog entry: the backend {@code deploy.backend} names. */
    public static ExecutorModuleFactory factory() {
        return ExecutorModuleFactory.named(NAME, DeployModule::create);
    }

    public static DeployModule create(ExecutorEnvironment environment) {
        JsonNode section = environment.config().section("deploy");
        String kind = DeployTarget.kind(section);
        DeployBackend backend = switch (kind) {
            case "local" ->
                new LocalDeployBackend(
                        environment.workspace(),
                        LocalDeploySettings.fromConfig(section.path("local")),
                        environment.config().environment(),
                        environment.serviceVariables(),
                        environment.clock());
            case "cloudrun" ->
                CloudRunDeployBackend.create(
                        CloudSettings.fromConfig(section.path("cloudrun"), environment.config()), environment.clock());
            default -> throw new IllegalStateException(kind);
        };
        return new DeployModule(backend, environment.registry());
    }

    public DeployBackend backend() {
        return backend;
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
        backend.close();
    }
}
