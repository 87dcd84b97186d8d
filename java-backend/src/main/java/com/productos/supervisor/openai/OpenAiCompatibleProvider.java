package com.productos.supervisor.openai;

import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.ModelRetryPolicy;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.TokenUsage;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.ToolSpec;
import com.productos.supervisor.model.TranscriptEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions endpoint with tools, spoken in plain HTTP/JSON: the conversation becomes
 * system/user/assistant/tool messages, tools become functions with their JSON Schemas, and the
 * reply's {@code tool_calls} (arguments are a JSON string, possibly broken) become proposed calls.
 */
public final class OpenAiCompatibleProvider implements ModelProvider {
    /** Error bodies quoted in messages are cut to this, so a chatty server cannot flood a log or the chat. */
    private static final int MAX_QUOTED_CHARS = 300;

    private final OpenAiSettings settings;
    private final HttpClient http;
    private final URI endpoint;

    public OpenAiCompatibleProvider(OpenAiSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.endpoint = URI.create(settings.baseUrl() + "/chat/completions");
    }

    @Override
    public String providerName() {
        return "openai";
    }

    @Override
    public String modelName() {
        return settings.model();
    }

    @Override
    public ModelReply next(ModelRequest request) throws ModelCallException, InterruptedException {
        String body = Json.write(requestBody(request));
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null) builder.header("Authorization", "Bearer " + settings.apiKey());
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ModelCallException(
                    ModelRetryPolicy.NO_RESPONSE,
                    null,
                    "the model server at " + settings.baseUrl() + " did not answer within "
                            + settings.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new ModelCallException(
                    ModelRetryPolicy.NO_RESPONSE,
                    null,
                    "the model server at " + settings.baseUrl() + " cannot be reached ("
                            + e.getClass().getSimpleName() + "); check that it runs and supervisor.openai.base_url");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ModelCallException(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    "the model server answered HTTP " + response.statusCode() + ": " + errorMessage(response.body()));
        }
        return parse(response.body());
    }

    ObjectNode requestBody(ModelRequest request) {
        ObjectNode body = Json.object()
                .put("model", settings.model())
                .put("stream", false)
                .put("temperature", 0.0);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.systemInstruction());
        for (TranscriptEntry entry : request.transcript()) {
            if (entry instanceof TranscriptEntry.UserText user) {
                messages.addObject().put("role", "user").put("content", user.text());
            } else if (entry instanceof TranscriptEntry.ModelTurn turn) {
                ObjectNode message = messages.addObject().put("role", "assistant");
                if (turn.text().isEmpty()) message.putNull("content");
                else message.put("content", turn.text());
                if (!turn.calls().isEmpty()) {
                    ArrayNode calls = message.putArray("tool_calls");
                    for (ProposedCall call : turn.calls()) {
                        ObjectNode item =
                                calls.addObject().put("id", call.callId()).put("type", "function");
                        item.putObject("function")
                                .put("name", call.modelToolName())
                                .put("arguments", call.arguments() == null ? "{}" : Json.write(call.arguments()));
                    }
                }
            } else if (entry instanceof TranscriptEntry.ToolResults results) {
                for (ToolResult result : results.results()) {
                    messages.addObject()
                            .put("role", "tool")
                            .put("tool_call_id", result.callId())
                            .put("content", result.isError() ? "ERROR: " + result.content() : result.content());
                }
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.modelName()).put("description", tool.description());
                function.set("parameters", tool.inputSchema());
            }
            body.put("tool_choice", "auto");
        }
        return body;
    }

    private ModelReply parse(String text) throws ModelCallException {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonParseFailure e) {
            throw ModelCallException.unusable("the model server's answer is not JSON (" + e.getMessage() + ")");
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw ModelCallException.unusable("the model server's answer has no choices[0].message; is "
                    + settings.baseUrl() + " a Chat Completions endpoint?");
        }
        List<ProposedCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String name = function.path("name").asString("");
            String id = call.path("id").asString("");
            if (id.isBlank()) id = "call-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode argumentsNode = function.path("arguments");
            JsonNode arguments = null;
            String problem = null;
            if (argumentsNode.isString()) {
                String raw = argumentsNode.asString();
                try {
                    arguments = raw.isBlank() ? Json.object() : Json.parse(raw);
                    if (!arguments.isObject()) {
                        problem = "the arguments are JSON but not an object";
                        arguments = null;
                    }
                } catch (JsonParseFailure e) {
                    problem = "the arguments are not valid JSON (" + e.getMessage() + ")";
                }
            } else if (argumentsNode.isObject()) {
                arguments = argumentsNode; // some servers send an object, not the string the API specifies
            } else {
                problem = "the call has no arguments";
            }
            calls.add(new ProposedCall(id, name, arguments, problem));
        }
        JsonNode usage = root.path("usage");
        TokenUsage tokens = new TokenUsage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0));
        String content =
                message.path("content").isString() ? message.path("content").asString() : "";
        return new ModelReply(
                content, calls, tokens, choice.path("finish_reason").asString("stop"), null);
    }

    private static String errorMessage(String body) {
        String message;
        try {
            JsonNode error = Json.parse(body).path("error");
            message = error.isObject()
                    ? error.path("message").asString(body)
                    : error.isString() ? error.asString() : body;
        } catch (JsonParseFailure e) {
            message = body;
        }
        message = message == null ? "" : message.strip();
        return message.length() > MAX_QUOTED_CHARS ? message.substring(0, MAX_QUOTED_CHARS) + "..." : message;
    }
}
