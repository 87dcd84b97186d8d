package com.productos.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and checks {@code tool-registry.yaml}. Everything that could make a call fail later for a
 * reason of the registry's own (a schema that does not compile, a misspelt risk, an executor nobody
 * declared) fails here instead, at load, naming file, tool and field.
 */
public final class RegistryLoader {
    public static final String BUNDLED_RESOURCE = "/registry/tool-registry.yaml";
    private static final Pattern TOOL_NAME = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");
    private static final Pattern EXECUTOR_PLACEHOLDER = Pattern.compile("\\$\\{executors\\.([a-z][a-z0-9_]*)}");
    private static final Set<String> TOOL_FIELDS =
            Set.of("description", "risk", "executor", "inputSchema", "outputSchema");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final SchemaCompiler compiler = new SchemaCompiler();

    /** The registry shipped inside the backend jar. */
    public ToolRegistry loadBundled() {
        try (InputStream in = RegistryLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new RegistryException(BUNDLED_RESOURCE, null, null, "not found on the class path");
            }
            return parse(BUNDLED_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryException(BUNDLED_RESOURCE, null, null, "cannot be read: " + e.getMessage());
        }
    }

    public ToolRegistry load(Path file) {
        String name = file.toString();
        try {
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new RegistryException(name, null, null, "cannot be read: " + e.getMessage());
        }
    }

    public ToolRegistry parse(String file, String yamlText) {
        JsonNode root;
        try {
            root = YAML.readTree(yamlText);
        } catch (JacksonException e) {
            throw new RegistryException(
                    file,
                    null,
                    null,
                    "not valid YAML: " + e.getOriginalMessage()
                            + (e.getLocation() != null
                                    ? " (line " + e.getLocation().getLineNr() + ")"
                                    : ""));
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException(file, null, null, "the file must be a YAML mapping with 'version' and 'tools'");
        }
        if (!root.path("version").isInt() || root.path("version").intValue() != 1) {
            throw new RegistryException(file, null, "version", "must be 1, found " + root.path("version"));
        }
        Map<String, String> executors = readExecutors(file, root.path("executors"));
        JsonNode toolsNode = root.path("tools");
        if (!toolsNode.isObject() || toolsNode.isEmpty()) {
            throw new RegistryException(file, null, "tools", "must be a non-empty mapping of tool name to definition");
        }
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : toolsNode.properties()) {
            tools.put(entry.getKey(), readTool(file, entry.getKey(), entry.getValue(), executors));
        }
        return new ToolRegistry(file, tools, executors);
    }

    private static Map<String, String> readExecutors(String file, JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw new RegistryException(
                    file, null, "executors", "must be a non-empty mapping of executor name to {description}");
        }
        Map<String, String> executors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            executors.put(entry.getKey(), entry.getValue().path("description").asString(""));
        }
        return executors;
    }

    private ToolDefinition readTool(String file, String name, JsonNode node, Map<String, String> executors) {
        if (!TOOL_NAME.matcher(name).matches()) {
            throw new RegistryException(
                    file, name, null, "a tool name must be 'module.action' in lower case letters, digits and '_'");
        }
        if (!node.isObject()) {
            throw new RegistryException(file, name, null, "the definition must be a mapping");
        }
        for (String field : node.propertyNames()) {
            if (!TOOL_FIELDS.contains(field)) {
                throw new RegistryException(file, name, field, "unknown field; a tool has only " + TOOL_FIELDS);
            }
        }
        String description = requireText(file, name, node, "description");
        String riskText = requireText(file, name, node, "risk");
        Risk risk = Risk.parse(riskText)
                .orElseThrow(() -> new RegistryException(
                        file, name, "risk", "'" + riskText + "' is not a risk level; use low, medium or high"));
        ExecutorRef executor = readExecutor(file, name, node.path("executor"), executors);
        CompiledSchema input = compileSchema(file, name, node, "inputSchema");
        CompiledSchema output = compileSchema(file, name, node, "outputSchema");
        return new ToolDefinition(name, description, risk, executor, input, output);
    }

    private static ExecutorRef readExecutor(String file, String tool, JsonNode node, Map<String, String> executors) {
        if (!node.isObject()) {
            throw new RegistryException(file, tool, "executor", "missing; give {kind: http, url, path}");
        }
        String kind = requireText(file, tool, node, "executor.kind", "kind");
        if (!"http".equals(kind)) {
            throw new RegistryException(file, tool, "executor.kind", "'" + kind + "' is not supported; use http");
        }
        String url = requireText(file, tool, node, "executor.url", "url");
        Matcher placeholder = EXECUTOR_PLACEHOLDER.matcher(url);
        if (!placeholder.matches()) {
            throw new RegistryException(
                    file,
                    tool,
                    "executor.url",
                    "'" + url + "' must be a placeholder ${executors.NAME}; set the real URL in configuration");
        }
        String executorName = placeholder.group(1);
        if (!executors.containsKey(executorName)) {
            throw new RegistryException(
                    file,
                    tool,
                    "executor.url",
                    "executor '" + executorName + "' is not declared under 'executors' " + executors.keySet());
        }
        String path = requireText(file, tool, node, "executor.path", "path");
        if (!path.startsWith("/") || path.contains("..") || path.contains("?")) {
            throw new RegistryException(
                    file, tool, "executor.path", "'" + path + "' must be an absolute path like /execute/x/y");
        }
        return new ExecutorRef(kind, url, executorName, path);
    }

    private CompiledSchema compileSchema(String file, String tool, JsonNode node, String field) {
        JsonNode schema = node.get(field);
        if (schema == null || !schema.isObject()) {
            throw new RegistryException(file, tool, field, "missing; every tool needs a JSON Schema object here");
        }
        if (!"object".equals(schema.path("type").asString(""))) {
            throw new RegistryException(file, tool, field, "must describe a JSON object (type: object)");
        }
        try {
            return compiler.compile(tool + "/" + field, schema);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(file, tool, field, "does not compile: " + e.getMessage());
        }
    }

    private static String requireText(String file, String tool, JsonNode node, String field) {
        return requireText(file, tool, node, field, field);
    }

    private static String requireText(String file, String tool, JsonNode node, String fieldLabel, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new RegistryException(file, tool, fieldLabel, "missing or not a non-empty string");
        }
        return value.asString();
    }
}
