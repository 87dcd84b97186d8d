package com.productos.app;

import com.productos.config.UserSettings;
import com.productos.config.Workspace;
import com.productos.policy.Policy;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.registry.Risk;
import com.productos.registry.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the registry and policy come from: the workspace's own .productos/tool-registry.yaml and
 * .productos/policy.yaml when present, else the copies bundled in the backend jar. The bundled
 * policy's floors hold either way (see {@link Policy#withFloorsOf}).
 */
public final class Contracts {
    private static final Logger LOG = LoggerFactory.getLogger(Contracts.class);

    private Contracts() {}

    public static ToolRegistry registry(Workspace workspace) {
        Path own = workspace.dataDir().resolve("tool-registry.yaml");
        return Files.exists(own) ? new RegistryLoader().load(own) : new RegistryLoader().loadBundled();
    }

    /**
     * The workspace's policy (or the bundled one) with the bundled floors in force, less the floors the
     * person relaxed in their own settings; a relaxation is logged each time a backend loads it.
     */
    public static Policy policy(Workspace workspace, UserSettings user) {
        Path own = workspace.dataDir().resolve("policy.yaml");
        Policy bundled = new PolicyLoader().loadBundled();
        Policy local = Files.exists(own) ? new PolicyLoader().load(own) : null;
        Map<String, Risk> bundledRisks = new HashMap<>();
        new RegistryLoader().loadBundled().tools().forEach(tool -> bundledRisks.put(tool.name(), tool.risk()));
        Policy policy = Policy.withFloorsOf(
                bundled, local, bundledRisks, user.relaxedFloors(), user.file().toString());
        if (!policy.relaxedFloors().isEmpty()) {
            LOG.warn(
                    "policy floors relaxed by {}: {}; calls they would hold run without that approval",
                    policy.relaxedBy(),
                    policy.relaxedFloors());
        }
        return policy;
    }
}
