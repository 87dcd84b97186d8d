package com.productos.supervisor.gemini;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.AutomaticFunctionCallingConfig;
import com.google.genai.types.Candidate;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionCallingConfig;
import com.google.genai.types.FunctionCallingConfigMode;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import com.google.genai.types.ToolConfig;
import com.productos.json.Json;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import tools.jackson.core.type.TypeReference;

/**
 * Gemini on Vertex AI through google-genai: registry tools as function declarations with their JSON
 * Schemas ({@code parametersJsonSchema}), automatic function calling off (the control plane runs every
 * call), the client's own retries off (the loop owns retries and gets each failed answer's Retry-After
 * through {@link RetryAfterCapture}), and the model's content echoed back
 * verbatim on the next request so its thought signatures reach the API as it requires.
 */
public final class VertexGeminiProvider implements ModelProvider {
    /** Call ids we made up because the API gave none: their function responses go back without an id. */
    static final String MADE_UP_ID = "gen-";

    private static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    /** Finish reasons after which the parts can be read; others make the client throw on parts(). */
    private static final Set<FinishReason.Known> READABLE = EnumSet.of(
            FinishReason.Known.STOP,
            FinishReason.Known.MAX_TOKENS,
            FinishReason.Known.FINISH_REASON_UNSPECIFIED,
            FinishReason.Known.CONTINUATION);
    /** The model produced a call it could not express: it is told so and may try again. */
    private static final Set<FinishReason.Known> RETRY_CALL = EnumSet.of(
            FinishReason.Known.MALFORMED_FUNCTION_CALL,
            FinishReason.Known.UNEXPECTED_TOOL_CALL,
            FinishReason.Known.TOO_MANY_TOOL_CALLS);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final VertexGeminiSettings settings;
    private final AtomicInteger madeUpIds = new AtomicInteger();
    private final RetryAfterCapture retryAfter = new RetryAfterCapture();
    private volatile Client client;

    public VertexGeminiProvider(VertexGeminiSettings settings) {
        this.settings = settings;
    }

    @Override
    public String providerName() {
        return "gemini";
    }

    @Override
    public String modelName() {
        return settings.model();
    }

    @Override
    public ModelReply next(ModelRequest request) throws ModelCallException, InterruptedException {
        Client ready = client();
        GenerateContentResponse response;
        retryAfter.clear();
        try {
            response = ready.models.generateContent(settings.model(), contents(request), config(request));
        } catch (ApiException e) {
            String hint = e.code() == 401 || e.code() == 403
                    ? "; check the credentials and that the Vertex AI API is enabled in " + settings.project()
                    : e.code() == 404
                            ? "; check supervisor.gemini.model and location (" + settings.location() + ")"
                            : "";
            throw new ModelCallException(
                    e.code(),
                    retryAfter.take(),
                    "Vertex AI answered " + e.code() + " " + e.status() + ": " + shorten(e.message()) + hint);
        } catch (GenAiIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("cancelled");
            throw new ModelCallException(
                    ModelRetryPolicy.NO_RESPONSE, null, "Vertex AI did not answer (" + shorten(e.getMessage()) + ")");
        }
        return reply(response);
    }

    private ModelReply reply(GenerateContentResponse response) throws ModelCallException {
        List<Candidate> candidates = response.candidates().orElse(List.of());
        TokenUsage usage = usage(response.usageMetadata().orElse(null));
        if (candidates.isEmpty()) {
            String blocked = response.promptFeedback()
                    .flatMap(feedback -> feedback.blockReason())
                    .map(Object::toString)
                    .orElse("none given");
            throw ModelCallException.unusable(
                    "Gemini returned no answer (block reason: " + blocked + "); rephrase the request");
        }
        Candidate candidate = candidates.get(0);
        FinishReason.Known finish = candidate
                .finishReason()
                .map(FinishReason::knownEnum)
                .orElse(FinishReason.Known.FINISH_REASON_UNSPECIFIED);
        if (RETRY_CALL.contains(finish)) {
            return new ModelReply("", List.of(), usage, finish.name(), null);
        }
        if (!READABLE.contains(finish)) {
            throw ModelCallException.unusable("Gemini stopped with finish reason " + finish.name()
                    + " and no usable answer;" + " rephrase the request");
        }
        Content content = candidate.content().orElse(null);
        StringBuilder text = new StringBuilder();
        List<ProposedCall> calls = new ArrayList<>();
        if (content != null) {
            for (Part part : content.parts().orElse(List.of())) {
                if (part.thought().orElse(false)) continue; // the model's thinking is not for the person
                part.text().ifPresent(text::append);
                if (part.functionCall().isPresent())
                    calls.add(call(part.functionCall().get()));
            }
        }
        return new ModelReply(text.toString(), calls, usage, finish.name(), content == null ? null : content.toJson());
    }

    private ProposedCall call(FunctionCall call) {
        String id =
                call.id().filter(value -> !value.isBlank()).orElseGet(() -> MADE_UP_ID + madeUpIds.incrementAndGet());
        Map<String, Object> args = call.args().orElse(Map.of());
        return new ProposedCall(id, call.name().orElse(""), Json.toTree(args), null);
    }

    private static TokenUsage usage(GenerateContentResponseUsageMetadata metadata) {
        if (metadata == null) return TokenUsage.NONE;
        long input = metadata.promptTokenCount().orElse(0)
                + metadata.toolUsePromptTokenCount().orElse(0);
        long output = metadata.candidatesTokenCount().orElse(0)
                + metadata.thoughtsTokenCount().orElse(0);
        return new TokenUsage(input, output);
    }

    List<Content> contents(ModelRequest request) {
        List<Content> contents = new ArrayList<>();
        for (TranscriptEntry entry : request.transcript()) {
            if (entry instanceof TranscriptEntry.UserText user) {
                contents.add(Content.builder()
                        .role("user")
                        .parts(Part.fromText(user.text()))
                        .build());
            } else if (entry instanceof TranscriptEntry.ModelTurn turn) {
                contents.add(modelContent(turn));
            } else if (entry instanceof TranscriptEntry.ToolResults results) {
                List<Part> parts = new ArrayList<>();
                for (ToolResult result : results.results()) parts.add(functionResponse(result));
                contents.add(Content.builder().role("user").parts(parts).build());
            }
        }
        return contents;
    }

    private static Content modelContent(TranscriptEntry.ModelTurn turn) {
        if ("gemini".equals(turn.providerName()) && turn.providerPayload() != null) {
            return Content.fromJson(turn.providerPayload()); // verbatim: thought signatures included
        }
        List<Part> parts = new ArrayList<>();
        if (!turn.text().isEmpty()) parts.add(Part.fromText(turn.text()));
        for (ProposedCall call : turn.calls()) {
            FunctionCall.Builder functionCall = FunctionCall.builder()
                    .name(call.modelToolName())
                    .args(call.arguments() == null ? Map.of() : Json.MAPPER.convertValue(call.arguments(), MAP));
            if (!call.callId().startsWith(MADE_UP_ID)) functionCall.id(call.callId());
            parts.add(Part.builder().functionCall(functionCall.build()).build());
        }
        if (parts.isEmpty()) parts.add(Part.fromText(""));
        return Content.builder().role("model").parts(parts).build();
    }

    private static Part functionResponse(ToolResult result) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put(result.isError() ? "error" : "output", result.content());
        FunctionResponse.Builder builder =
                FunctionResponse.builder().name(result.modelToolName()).response(response);
        if (!result.callId().startsWith(MADE_UP_ID)) builder.id(result.callId());
        return Part.builder().functionResponse(builder.build()).build();
    }

    private GenerateContentConfig config(ModelRequest request) {
        List<FunctionDeclaration> declarations = new ArrayList<>();
        for (ToolSpec tool : request.tools()) {
            declarations.add(FunctionDeclaration.builder()
                    .name(tool.modelName())
                    .description(tool.description())
                    .parametersJsonSchema(Json.MAPPER.convertValue(tool.inputSchema(), MAP))
                    .build());
        }
        GenerateContentConfig.Builder config = GenerateContentConfig.builder()
                .systemInstruction(Content.builder()
                        .role("user")
                        .parts(Part.fromText(request.systemInstruction()))
                        .build())
                .temperature(0.0f)
                .automaticFunctionCalling(
                        AutomaticFunctionCallingConfig.builder().disable(true).build());
        if (!declarations.isEmpty()) {
            config.tools(Tool.builder().functionDeclarations(declarations).build())
                    .toolConfig(ToolConfig.builder()
                            .functionCallingConfig(FunctionCallingConfig.builder()
                                    .mode(FunctionCallingConfigMode.Known.AUTO)
                                    .build())
                            .build());
        }
        return config.build();
    }

    private Client client() throws ModelCallException {
        Client ready = client;
        if (ready != null) return ready;
        synchronized (this) {
            if (client == null) client = build();
            return client;
        }
    }

    private Client build() throws ModelCallException {
        // One attempt per call and no sleeping: the loop's ModelRetryPolicy decides about retries.
        HttpOptions.Builder http = HttpOptions.builder()
                .apiVersion("v1")
                .timeout((int) settings.timeout().toMillis())
                .retryOptions(HttpRetryOptions.builder()
                        .attempts(1)
                        .initialDelay(0.0)
                        .httpStatusCodes(List.of())
                        .build());
        if (settings.baseUrl() != null) http.baseUrl(settings.baseUrl());
        // No per-phase timeouts, as the client's own default: the call timeout above bounds the call.
        OkHttpClient okHttp = new OkHttpClient.Builder()
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .addInterceptor(retryAfter)
                .build();
        return Client.builder()
                .clientOptions(ClientOptions.builder().customHttpClient(okHttp).build())
                .vertexAI(true)
                .project(settings.project())
                .location(settings.location())
                .credentials(credentials())
                .httpOptions(http.build())
                .build();
    }

    private GoogleCredentials credentials() throws ModelCallException {
        if (settings.noCredentials()) return GoogleCredentials.create(new AccessToken("local-fake", null));
        try {
            if (settings.credentialsFile() != null) {
                try (InputStream key = Files.newInputStream(settings.credentialsFile())) {
                    return GoogleCredentials.fromStream(key).createScoped(CLOUD_PLATFORM);
                }
            }
            return GoogleCredentials.getApplicationDefault().createScoped(CLOUD_PLATFORM);
        } catch (IOException e) {
            String where = settings.credentialsFile() != null
                    ? "supervisor.gemini.credentials_file " + settings.credentialsFile()
                            + " cannot be read as a service-account key"
                    : "no Application Default Credentials were found";
            throw ModelCallException.unusable("Vertex AI needs Google credentials: " + where + "; run"
                    + " `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS, or set"
                    + " supervisor.gemini.credentials_file to a service-account key");
        }
    }

    private static String shorten(String text) {
        if (text == null) return "";
        String line = text.strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @Override
    public void close() {
        Client ready = client;
        if (ready != null) ready.close();
    }
}
