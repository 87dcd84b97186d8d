package com.productos.supervisor;

import com.productos.registry.ToolRegistry;
import java.util.function.Supplier;

/**
 * The tool catalog of the registry in force now. A running backend reloads an edited registry
 * between calls; the model must be offered the same tools the control plane will accept, so the
 * catalog is rebuilt whenever the registry it came from is replaced, and reused otherwise.
 */
final class LiveToolCatalog {
    private record Built(ToolRegistry registry, ToolCatalog catalog) {}

    private final Supplier<ToolRegistry> registry;
    private volatile Built built;

    LiveToolCatalog(Supplier<ToolRegistry> registry) {
        this.registry = registry;
    }

    ToolCatalog current() {
        ToolRegistry now = registry.get();
        Built last = built;
        if (last != null && last.registry() == now) return last.catalog();
        Built fresh = new Built(now, ToolCatalog.of(now));
        built = fresh;
        return fresh.catalog();
    }
}
