package com.productos.supervisor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolNameMapTest {
    @Test
    void everyRegistryToolShouldMapToAPortableNameAndBack() {
        List<String> names = new RegistryLoader()
                .loadBundled().tools().stream().map(ToolDefinition::name).toList();
        ToolNameMap map = ToolNameMap.of(names);
        for (String name : names) {
            String modelName = map.modelName(name);
            assertTrue(modelName.matches("[a-zA-Z_][a-zA-Z0-9_-]{0,63}"), modelName);
            assertEquals(Optional.of(name), map.registryName(modelName));
        }
        assertEquals("cloudrun__deploy_service", map.modelName("cloudrun.deploy_service"));
    }

    @Test
    void aNameTheModelMadeUpShouldMapToNothing() {
        ToolNameMap map = ToolNameMap.of(List.of("logs.tail"));
        assertEquals(Optional.empty(), map.registryName("logs.tail"));
        assertEquals(Optional.empty(), map.registryName("marketing__publish_now"));
    }

    @Test
    void namesThatWouldMeetShouldBeRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ToolNameMap.of(List.of("a_.b", "a._b")));
        assertTrue(e.getMessage().contains("both become 'a___b'"), e.getMessage());
    }

    @Test
    void namesModelApisRefuseShouldBeRefused() {
        assertThrows(IllegalArgumentException.class, () -> ToolNameMap.of(List.of("1deploy.now")));
        assertThrows(IllegalArgumentException.class, () -> ToolNameMap.of(List.of("x." + "a".repeat(70))));
    }
}
