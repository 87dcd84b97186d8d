package com.productos.deploy;

import com.productos.executors.InputFields;
import com.productos.config.DeployTarget;
import com.productos.deploy.cloud.CloudRunDeployBackend;
import com.productos.googlecloud.CloudSettings;
import com.productos.deploy.local.LocalDeployBackend;
import com.productos.deploy.local.LocalDeploySettings;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The "deploy" executor: cloudrun.deploy_service, cloudrun.get_service_status and
 * cloudrun.rollback_service, on the backend named by {@code deploy.backend} in .productos/config.yaml
 * ({@code local}, the default, or {@code cloudrun}).
 */
public final class DeployModule implements ExecutorModule {
    public static final String NAME = "deploy";
    public static final String DEPLOY_PATH = "/execute/cloudrun/deploy";
    public static final String STATUS_PATH = "/execute/cloudrun/status";
    public static final String ROLLBACK_PATH = "/execute/cloudrun/rollback";
    private final DeployBackend backend;

    public DeployModule(DeployBackend backend) {
        this.backend = backend;
    }

    public static DeployModule create(ExecutorEnvironment environment) {
        JsonNode section = environment.config().section("deploy");
        String kind = DeployTarget.kind(section);
        DeployBackend backend = switch (kind) {
            case "local" -> new LocalDeployBackend(environment.workspace(),
                    LocalDeploySettings.fromConfig(section.path("local")), environment.config().environment(), environment.clock());
            case "cloudrun" -> CloudRunDeployBackend.create(
                    CloudSettings.fromConfig(section.path("cloudrun"), environment.config()), environment.clock());
            default -> throw new IllegalStateException(kind);
        };
        return new DeployModule(backend);
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
        return Map.of(
                DEPLOY_PATH, request -> backend.deploy(DeployRequest.fromInput(request.input()), request).toJson(),
                STATUS_PATH, request -> backend.status(
                        InputFields.serviceName(request.input(), "service_name"),
                        InputFields.requiredText(request.input(), "region")).toJson(),
                ROLLBACK_PATH, request -> backend.rollback(RollbackRequest.fromInput(request.input()), request).toJson());
    }

    @Override
    public void close() {
        backend.close();
    }
}
