package com.productos.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ConfigException;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.json.Json;
import com.productos.observability.ObservabilityModule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeployConfigTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"deploy\":{\"backend\":\"k8s\"}}|use local or cloudrun",
                "{\"deploy\":{\"backend\":\"cloudrun\"}}|set deploy.cloudrun.project",
                "{\"deploy\":{\"backend\":\"cloudrun\",\"cloudrun\":{\"project\":\"p\",\"credentials\":\"magic\"}}}|use adc (default) or none",
                "{\"deploy\":{\"backend\":\"cloudrun\",\"cloudrun\":{\"project\":\"p\",\"endpoints\":{\"run\":\"run.example\"}}}}|must start with http",
                "{\"deploy\":{\"local\":{\"services\":{\"web\":{\"front_port\":70000}}}}}|deploy.local.services.web.front_port",
                "{\"deploy\":{\"local\":{\"keep_revisions\":0}}}|deploy.local.keep_revisions"
            })
    void aBadDeploySectionShouldNameTheSettingAndWhatToSet(String config, String expected) {
        ExecutorEnvironment environment = new ExecutorEnvironment(
                Workspace.open(temp),
                Calls.REGISTRY,
                ProductOsConfig.of(Json.parse(config), Map.of()),
                Clock.systemUTC());

        ConfigException deploy = assertThrows(
                ConfigException.class, () -> DeployModule.create(environment).close());

        assertTrue(deploy.getMessage().contains(expected), deploy.getMessage());
        if (!config.contains("\"local\"")) {
            ConfigException logs = assertThrows(
                    ConfigException.class,
                    () -> ObservabilityModule.create(environment).close());
            assertTrue(logs.getMessage().contains(expected), logs.getMessage());
        }
    }
}
