package com.productos.supervisor;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import com.productos.supervisor.model.ToolSpec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveToolCatalogTest {
    private static final RegistryLoader LOADER = new RegistryLoader();

    @Test
    void aReloadedRegistryIsWhatTheModelIsOfferedNext() throws Exception {
        String bundled;
        try (InputStream in = RegistryLoader.class.getResourceAsStream(RegistryLoader.BUNDLED_RESOURCE)) {
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ToolRegistry before = LOADER.parse("tool-registry.yaml", bundled);
        AtomicReference<ToolRegistry> inForce = new AtomicReference<>(before);
        LiveToolCatalog catalogs = new LiveToolCatalog(inForce::get);

        ToolCatalog first = catalogs.current();
        assertSame(first, catalogs.current(), "same registry, same catalog");
        assertTrue(description(first, "logs.tail").startsWith("Tail recent logs"));

        String edited = bundled.replace(
                "    description: Tail recent logs", "    description: edited in the workspace - Tail recent logs");
        assertNotEquals(bundled, edited);
        inForce.set(LOADER.parse("tool-registry.yaml", edited));

        assertTrue(description(catalogs.current(), "logs.tail").startsWith("edited in the workspace"));
    }

    private static String description(ToolCatalog catalog, String tool) {
        return catalog.specs().stream()
                .filter(spec -> spec.registryName().equals(tool))
                .map(ToolSpec::description)
                .findFirst()
                .orElseThrow();
    }
}
