package com.productos.app;

import com.productos.config.Workspace;
import com.productos.policy.Policy;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the registry and policy come from: the workspace's own .productos/tool-registry.yaml and
 * .productos/policy.yaml when present, else the copies bundled in the backend jar.
 */
public final class Contracts {
    private Contracts() {}

    public static ToolRegistry registry(Workspace workspace) {
        Path own = workspace.dataDir().resolve("tool-registry.yaml");
        return Files.exists(own) ? new RegistryLoader().load(own) : new RegistryLoader().loadBundled();
    }

    public static Policy policy(Workspace workspace) {
        Path own = workspace.dataDir().resolve("policy.yaml");
        return Files.exists(own) ? new PolicyLoader().load(own) : new PolicyLoader().loadBundled();
    }
}
