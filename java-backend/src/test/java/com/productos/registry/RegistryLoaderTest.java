package com.productos.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryLoaderTest {
    private static final String HEADER = """
            version: 1
            executors:
              firestore: {description: brain}
            tools:
            """;
    private static final String GOOD_TOOL = """
              brand.get_profile:
                description: Get a profile.
                risk: low
                executor: {kind: http, url: "${executors.firestore}", path: /execute/brand/get_profile}
                inputSchema:
                  type: object
                  additionalProperties: false
                  required: [profile_id]
                  properties:
                    profile_id: {type: string, minLength: 1}
                outputSchema:
                  type: object
                  properties:
                    profile_id: {type: string}
            """;

    private static RegistryException loadFails(String yaml) {
        return assertThrows(RegistryException.class, () -> new RegistryLoader().parse("test-registry.yaml", yaml));
    }

    @Test
    void bundledRegistryShouldLoadAndCompileEverySchema() {
        ToolRegistry registry = new RegistryLoader().loadBundled();
        assertTrue(registry.tools().size() >= 10);
        for (ToolDefinition tool : registry.tools()) {
            assertTrue(registry.executors().containsKey(tool.executor().executorName()));
        }
    }

    @Test
    void validRegistryShouldValidateInputsWithPointers() {
        ToolRegistry registry = new RegistryLoader().parse("test-registry.yaml", HEADER + GOOD_TOOL);
        CompiledSchema input = registry.find("brand.get_profile").orElseThrow().inputSchema();
        assertEquals(List.of(), input.validate(Json.parse("{\"profile_id\":\"default\"}")));
        List<FieldError> missing = input.validate(Json.parse("{}"));
        assertEquals("/profile_id", missing.get(0).pointer());
        List<FieldError> extra = input.validate(Json.parse("{\"profile_id\":\"a\",\"color\":1}"));
        assertEquals(1, extra.size());
        assertTrue(extra.get(0).message().contains("color"), extra.get(0).message());
        List<FieldError> empty = input.validate(Json.parse("{\"profile_id\":\"\"}"));
        assertEquals("/profile_id", empty.get(0).pointer());
    }

    @Nested
    class BrokenRegistries {
        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "bad name          | Brand.GetProfile      | brand.get_profile | Brand.GetProfile | ''",
                    "no module         | profile               | brand.get_profile | profile          | ''"
                })
        void badToolNamesShouldBeRejected(
                String label, String name, String original, String expectedTool, String ignored) {
            RegistryException e = loadFails(HEADER + GOOD_TOOL.replace(original + ":", name + ":"));
            assertEquals(expectedTool, e.tool());
            assertTrue(e.getMessage().contains("module.action"), e.getMessage());
            assertTrue(e.getMessage().contains("test-registry.yaml"), e.getMessage());
        }

        @Test
        void duplicateToolsShouldBeRejectedWithTheLine() {
            RegistryException e = loadFails(HEADER + GOOD_TOOL + GOOD_TOOL);
            assertTrue(e.getMessage().contains("brand.get_profile"), e.getMessage());
            assertTrue(e.getMessage().contains("line"), e.getMessage());
        }

        @Test
        void unknownRiskShouldNameTheField() {
            RegistryException e = loadFails(HEADER + GOOD_TOOL.replace("risk: low", "risk: spicy"));
            assertEquals("brand.get_profile", e.tool());
            assertEquals("risk", e.field());
            assertTrue(e.getMessage().contains("low, medium or high"));
        }

        @Test
        void undeclaredExecutorShouldBeRejected() {
            RegistryException e =
                    loadFails(HEADER + GOOD_TOOL.replace("${executors.firestore}", "${executors.nowhere}"));
            assertEquals("executor.url", e.field());
            assertTrue(e.getMessage().contains("nowhere"));
        }

        @Test
        void literalExecutorUrlShouldBeRejected() {
            RegistryException e =
                    loadFails(HEADER + GOOD_TOOL.replace("\"${executors.firestore}\"", "https://x.a.run.app"));
            assertEquals("executor.url", e.field());
            assertTrue(e.getMessage().contains("placeholder"));
        }

        @Test
        void schemaThatDoesNotCompileShouldNameTheSchema() {
            RegistryException e = loadFails(HEADER
                    + GOOD_TOOL.replace(
                            "profile_id: {type: string, minLength: 1}", "profile_id: {type: string, minLength: many}"));
            assertEquals("inputSchema", e.field());
            assertTrue(e.getMessage().contains("does not compile"), e.getMessage());
        }

        @Test
        void missingOutputSchemaShouldBeRejected() {
            String withoutOutput = GOOD_TOOL.substring(0, GOOD_TOOL.indexOf("    outputSchema:"));
            RegistryException e = loadFails(HEADER + withoutOutput);
            assertEquals("outputSchema", e.field());
        }

        @Test
        void unknownToolFieldShouldBeRejected() {
            RegistryException e =
                    loadFails(HEADER + GOOD_TOOL.replace("    risk: low", "    risk: low\n    riks: high"));
            assertEquals("riks", e.field());
        }

        @Test
        void wrongVersionShouldBeRejected() {
            RegistryException e = loadFails((HEADER + GOOD_TOOL).replace("version: 1", "version: 2"));
            assertEquals("version", e.field());
        }

        @Test
        void invalidYamlShouldSaySo() {
            RegistryException e = loadFails("version: 1\ntools: [unclosed");
            assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        }
    }
}
