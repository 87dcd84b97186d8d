package com.productos.brand;

import com.productos.registry.CompiledSchema;
import com.productos.registry.FieldError;
import com.productos.registry.SchemaCompiler;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a brand profile, taken from the registry (brand.get_profile's outputSchema, property
 * {@code brand}) so what update_profile accepts is exactly what get_profile promises. Compiled once.
 */
public final class BrandProfileSchema {
    public static final String SOURCE_TOOL = "brand.get_profile";
    private final JsonNode source;
    private final CompiledSchema compiled;

    private BrandProfileSchema(JsonNode source, CompiledSchema compiled) {
        this.source = source;
        this.compiled = compiled;
    }

    public static BrandProfileSchema from(ToolRegistry registry) {
        ToolDefinition tool = registry.find(SOURCE_TOOL)
                .orElseThrow(() -> new IllegalStateException("the tool registry has no " + SOURCE_TOOL
                        + "; the brand executor takes the profile schema from it"));
        JsonNode brand = tool.outputSchema().source().path("properties").path("brand");
        if (!brand.isObject()) {
            throw new IllegalStateException(SOURCE_TOOL + " outputSchema has no 'brand' object schema in the registry");
        }
        return new BrandProfileSchema(brand, new SchemaCompiler().compile("brand.profile", brand));
    }

    public List<FieldError> validate(JsonNode profile) {
        return compiled.validate(profile);
    }

    /** Pointers of required members absent from {@code profile}, at any depth ("/voice/tone"). */
    public List<String> missingRequired(JsonNode profile) {
        List<String> missing = new ArrayList<>();
        collectMissing(source, profile, "", missing);
        return missing;
    }

    /** The required members at the top level, with their own required members: "voice (tone, do)". */
    public String requiredSummary() {
        List<String> parts = new ArrayList<>();
        for (JsonNode name : source.path("required")) {
            JsonNode child = source.path("properties").path(name.asString());
            List<String> inner = new ArrayList<>();
            child.path("required").forEach(field -> inner.add(field.asString()));
            parts.add(inner.isEmpty() ? name.asString() : name.asString() + " (" + String.join(", ", inner) + ")");
        }
        return String.join(", ", parts);
    }

    private static void collectMissing(JsonNode schema, JsonNode value, String pointer, List<String> missing) {
        if (value != null && !value.isObject()) return; // a type error, reported by validation
        for (JsonNode name : schema.path("required")) {
            JsonNode member = value == null ? null : value.get(name.asString());
            if (member == null || member.isNull()) missing.add(pointer + "/" + name.asString());
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode member = value == null ? null : value.get(property.getKey());
            if (member != null && member.isObject()) {
                collectMissing(property.getValue(), member, pointer + "/" + property.getKey(), missing);
            }
        }
    }
}
