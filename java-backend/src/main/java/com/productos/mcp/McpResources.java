package com.productos.mcp;

import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.runs.Run;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs, insights, campaigns and campaign drafts as MCP resources. Runs are read from the run store
 * through the control plane; the others with their read-only registry tools called as actor mcp, so
 * each read is itself a recorded run that policy saw.
 */
final class McpResources {
    private static final String JSON = "application/json";
    private static final String INSIGHTS = "productos://insights";
    private static final String CAMPAIGNS = "productos://campaigns";
    private static final String RUNS = "productos://runs";
    private static final String DRAFTS = "productos://drafts";
    private static final int LIST_LIMIT = 50;

    private final ControlPlane controlPlane;
    private final Duration readTimeout;

    McpResources(ControlPlane controlPlane, Duration readTimeout) {
        this.controlPlane = controlPlane;
        this.readTimeout = readTimeout;
    }

    List<SyncResourceSpecification> lists() {
        return List.of(
                new SyncResourceSpecification(
                        resource(RUNS, "runs", "The 50 newest tool runs, any actor."),
                        (exchange, request) -> text(request.uri(), recentRuns())),
                new SyncResourceSpecification(
                        resource(INSIGHTS, "insights", "Insights, newest first (analytics.list_insights)."),
                        (exchange, request) -> text(request.uri(), callTool("analytics.list_insights", limit(), null))),
                new SyncResourceSpecification(
                        resource(CAMPAIGNS, "campaigns", "Campaign plans, newest first (marketing.list_campaigns)."),
                        (exchange, request) ->
                                text(request.uri(), callTool("marketing.list_campaigns", limit(), null))),
                new SyncResourceSpecification(
                        resource(DRAFTS, "drafts", "Saved campaign drafts, newest first (marketing.list_drafts)."),
                        (exchange, request) -> text(request.uri(), callTool("marketing.list_drafts", limit(), null))));
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(
                        template(
                                RunResource.PREFIX + "{id}",
                                "run",
                                "One tool run: status, input, output or error, approval id and log lines."),
                        (exchange, request) -> text(request.uri(), run(idOf(request.uri(), RunResource.PREFIX)))),
                new SyncResourceTemplateSpecification(
                        template(
                                INSIGHTS + "/{id}",
                                "insight",
                                "One insight with the campaigns and measurements linked to it (analytics.get_insight)."),
                        (exchange, request) -> text(
                                request.uri(),
                                callTool(
                                        "analytics.get_insight",
                                        Json.object().put("insight_id", idOf(request.uri(), INSIGHTS + "/")),
                                        request.uri()))),
                new SyncResourceTemplateSpecification(
                        template(
                                CAMPAIGNS + "/{id}",
                                "campaign",
                                "One campaign plan by its plan id (marketing.get_campaign)."),
                        (exchange, request) -> text(
                                request.uri(),
                                callTool(
                                        "marketing.get_campaign",
                                        Json.object().put("plan_id", idOf(request.uri(), CAMPAIGNS + "/")),
                                        request.uri()))),
                new SyncResourceTemplateSpecification(
                        template(
                                DRAFTS + "/{id}",
                                "draft",
                                "One campaign draft with its posts, per-post review and channel limits (marketing.get_draft)."),
                        (exchange, request) -> text(
                                request.uri(),
                                callTool(
                                        "marketing.get_draft",
                                        Json.object().put("draft_id", idOf(request.uri(), DRAFTS + "/")),
                                        request.uri()))));
    }

    private JsonNode run(String runId) {
        try {
            return RunResource.json(controlPlane.get(runId), true);
        } catch (ToolCallException notFound) {
            throw notFound(RunResource.uri(runId), notFound.getMessage());
        }
    }

    private JsonNode recentRuns() {
        ArrayNode runs = Json.array();
        for (Run run : controlPlane.list(RunQuery.latest(LIST_LIMIT)).runs()) runs.add(RunResource.json(run, false));
        return Json.object().set("runs", runs);
    }

    private static ObjectNode limit() {
        return Json.object().put("limit", LIST_LIMIT);
    }

    /**
     * A read-only tool called through the control plane as actor mcp; its failure is the resource's error
     * (resource not found for {@code oneUri}, the read of a single item).
     */
    private JsonNode callTool(String tool, ObjectNode input, String oneUri) {
        Run run;
        try {
            Run started = controlPlane.start(new CallRequest(tool, input, Actor.MCP, null, null));
            run = controlPlane.settle(started.id()).get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ToolCallException refused) {
            throw McpError.builder(-32602).message(refused.getMessage()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw McpError.builder(-32603)
                    .message(tool + " did not answer in time; try again")
                    .build();
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            String message =
                    run.error() == null ? run.status().wireName() : run.error().message();
            if (oneUri != null && run.status() == RunStatus.FAILED)
                throw notFound(oneUri, message + " (run " + run.id() + ")");
            throw McpError.builder(-32603)
                    .message(tool + " " + run.status().wireName() + " (run " + run.id() + "): " + message)
                    .build();
        }
        return run.output();
    }

    private static ReadResourceResult text(String uri, JsonNode json) {
        return new ReadResourceResult(
                List.of(new TextResourceContents(uri, JSON, Json.MAPPER.writeValueAsString(json))));
    }

    private static String idOf(String uri, String prefix) {
        String id = uri.substring(prefix.length());
        if (id.isEmpty() || id.contains("/")) throw notFound(uri, "a resource uri names one id after " + prefix);
        return id;
    }

    private static McpError notFound(String uri, String message) {
        return McpError.builder(-32002)
                .message(message)
                .data(java.util.Map.of("uri", uri))
                .build();
    }

    private static Resource resource(String uri, String name, String description) {
        return Resource.builder()
                .uri(uri)
                .name(name)
                .description(description)
                .mimeType(JSON)
                .build();
    }

    private static ResourceTemplate template(String uriTemplate, String name, String description) {
        return ResourceTemplate.builder()
                .uriTemplate(uriTemplate)
                .name(name)
                .description(description)
                .mimeType(JSON)
                .build();
    }
}
