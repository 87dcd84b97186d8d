package com.productos.registry;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * Compiles tool schemas with draft 2020-12 semantics. Schemas are self-contained (no remote $ref),
 * so nothing is ever fetched while compiling.
 */
public final class SchemaCompiler {
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** The 2020-12 meta-schema, bundled in the validator's jar, so "minLength: many" is caught at load. */
    private final CompiledSchema metaSchema =
            new CompiledSchema(null, registry.getSchema(SchemaLocation.of(META_SCHEMA)));

    /** @throws IllegalArgumentException with the validator's message when the schema does not compile. */
    public CompiledSchema compile(String location, JsonNode schemaNode) {
        if (schemaNode == null || !schemaNode.isObject()) {
            throw new IllegalArgumentException("a schema must be a JSON object");
        }
        java.util.List<FieldError> problems = metaSchema.validate(schemaNode);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + problems.get(0));
        }
        try {
            Schema schema = registry.getSchema(SchemaLocation.of("urn:productos:" + location), schemaNode);
            schema.initializeValidators();
            return new CompiledSchema(schemaNode, schema);
        } catch (SchemaException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
