package com.productos.mcp;

import com.productos.control.ControlPlane;
import com.productos.json.Json;
import com.productos.policy.Policy;
import com.productos.registry.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.type.TypeReference;

/**
 * The Product OS MCP server on either transport: every registry tool (schemas from the registry,
 * annotations from risk and policy) calling through the control plane as actor {@code mcp}, and runs,
 * insights and campaigns as resources. Transports pass every client message through {@link #inbound()}
 * first.
 */
public final class ProductOsMcpServer implements AutoCloseable {
    public static final String NAME = "productos";
    public static final String VERSION = "0.1.0";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String INSTRUCTIONS = "Product OS runs a SaaS product loop (deploy, events, insight, campaign,"
            + " publish, measure). Every tool call is a recorded run checked by policy; a call that needs a person's"
            + " approval returns an approval id instead of running: tell the person, who approves it in the editor or"
            + " with `productos approvals approve ID`, then read productos://runs/{id} for the outcome.";

    private final ControlPlane controlPlane;
    private final Policy policy;
    private final CallCancellations cancellations = new CallCancellations();
    private final InboundFilter inbound;
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "productos-mcp-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration maxCallWait;
    private McpSyncServer server;

    public ProductOsMcpServer(ControlPlane controlPlane, Policy policy, Duration maxCallWait) {
        this.controlPlane = controlPlane;
        this.policy = policy;
        this.maxCallWait = maxCallWait;
        this.inbound = new InboundFilter(
                cancellations, name -> controlPlane.registry().find(name).isPresent());
    }

    public static McpJsonMapper jsonMapper() {
        return McpJsonDefaults.getMapper();
    }

    public InboundFilter inbound() {
        return inbound;
    }

    /** Serves over a single-session transport (stdio). */
    public ProductOsMcpServer start(McpServerTransportProvider transport) {
        server = configure(McpServer.sync(transport)).build();
        return this;
    }

    /** Serves over streamable HTTP (one session per client, ids chosen by the SDK). */
    public ProductOsMcpServer start(McpStreamableServerTransportProvider transport) {
        server = configure(McpServer.sync(transport)).build();
        return this;
    }

    List<Tool> tools() {
        return toolSpecifications().stream().map(SyncToolSpecification::tool).toList();
    }

    private <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec) {
        McpResources resources = new McpResources(controlPlane, Duration.ofSeconds(60));
        return spec.serverInfo(NAME, VERSION)
                .instructions(INSTRUCTIONS)
                .jsonMapper(jsonMapper())
                .capabilities(ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .logging()
                        .build())
                // The control plane validates input (recording a refused call as a run, with JSON pointers);
                // the SDK's own check would answer before anything is recorded.
                .validateToolInputs(false)
                .tools(toolSpecifications())
                .resources(resources.lists())
                .resourceTemplates(resources.templates());
    }

    private List<SyncToolSpecification> toolSpecifications() {
        McpToolCall call = new McpToolCall(controlPlane, cancellations, notifier, maxCallWait);
        List<ToolDefinition> tools = new ArrayList<>(controlPlane.registry().tools());
        tools.sort(Comparator.comparing(ToolDefinition::name));
        List<SyncToolSpecification> specifications = new ArrayList<>();
        for (ToolDefinition tool : tools) {
            Tool described = Tool.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .inputSchema(Json.MAPPER.convertValue(tool.inputSchema().source(), MAP))
                    .outputSchema(Json.MAPPER.convertValue(tool.outputSchema().source(), MAP))
                    .annotations(McpToolHints.annotations(tool))
                    .meta(McpToolHints.meta(tool, policy))
                    .build();
            specifications.add(SyncToolSpecification.builder()
                    .tool(described)
                    .callHandler(call)
                    .build());
        }
        return specifications;
    }

    @Override
    public void close() {
        if (server != null) server.closeGracefully();
        notifier.shutdownNow();
    }
}
