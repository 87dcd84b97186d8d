package com.productos.deploy;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputFields;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A cloudrun.deploy_service input, read and checked. */
public record DeployRequest(
        String serviceName,
        String repo,
        String ref,
        String env,
        String region,
        String dockerfilePath,
        String buildContext,
        Map<String, String> envVars,
        DeploySettings settings) {

    public static DeployRequest fromInput(JsonNode input) throws ExecutorFailure {
        JsonNode build = input.path("build");
        Map<String, String> envVars = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : input.path("env_vars").properties()) {
            if (!entry.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw InputFields.invalid(
                        "/env_vars/" + entry.getKey(),
                        "environment variable name '" + entry.getKey()
                                + "' must be letters, digits and _ and not start with a digit");
            }
            if (entry.getKey().equals("PORT") || entry.getKey().startsWith("K_")) {
                throw InputFields.invalid(
                        "/env_vars/" + entry.getKey(),
                        entry.getKey()
                                + " is set by the platform (PORT, K_SERVICE, K_REVISION); remove it from env_vars");
            }
            envVars.put(entry.getKey(), entry.getValue().asString());
        }
        String buildContext = InputFields.optionalText(build, "build_context");
        if (buildContext != null && (buildContext.startsWith("/") || buildContext.contains(".."))) {
            throw InputFields.invalid(
                    "/build/build_context",
                    "build_context must be a relative folder inside the repo without '..', was '" + buildContext + "'");
        }
        DeploySettings settings = DeploySettings.fromJson(input.path("deploy"));
        if (settings.minInstances() != null
                && settings.maxInstances() != null
                && settings.minInstances() > settings.maxInstances()) {
            throw InputFields.invalid(
                    "/deploy/min_instances",
                    "min_instances (" + settings.minInstances() + ") must not exceed max_instances ("
                            + settings.maxInstances() + ")");
        }
        return new DeployRequest(
                InputFields.serviceName(input, "service_name"),
                InputFields.requiredText(input, "repo"),
                InputFields.requiredText(input, "ref"),
                InputFields.requiredText(input, "env"),
                InputFields.requiredText(input, "region"),
                InputFields.optionalText(build, "dockerfile_path") == null
                        ? "Dockerfile"
                        : build.path("dockerfile_path").asString(),
                buildContext == null ? "." : buildContext,
                Map.copyOf(envVars),
                settings);
    }
}
