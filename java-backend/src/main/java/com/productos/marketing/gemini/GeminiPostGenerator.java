package com.productos.marketing.gemini;

import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Part;
import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.generation.ChannelPosts;
import com.productos.marketing.generation.GenerationFailure;
import com.productos.marketing.generation.GenerationRequest;
import com.productos.marketing.generation.GenerationResult;
import com.productos.marketing.generation.PostEnforcer;
import com.productos.marketing.generation.PostGenerator;
import com.productos.marketing.generation.ScreenedBrief;
import com.productos.registry.CompiledSchema;
import com.productos.registry.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Posts from Gemini on Vertex AI (google-genai with vertexAI). The model is asked for JSON matching the
 * tool's output schema; its reply is parsed and validated against that schema and must cover every
 * channel asked for, else the model is asked again with the problems listed, up to
 * {@code max_attempts}. What comes back is then held to the same rules as the deterministic
 * generator: forbidden claims and banned phrases removed (with a warning), disclaimers added, emoji and
 * hashtags trimmed, and each post shortened to its channel's limit as the network counts it.
 */
public final class GeminiPostGenerator implements PostGenerator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiPostGenerator.class);
    private final GeminiSettings settings;
    private final Client client;
    private final CompiledSchema outputSchema;
    private final Map<String, Object> outputJsonSchema;
    private final PostEnforcer enforcer = new PostEnforcer();

    public GeminiPostGenerator(GeminiSettings settings, CompiledSchema outputSchema) {
        this.settings = settings;
        this.outputSchema = outputSchema;
        this.outputJsonSchema = toMap(outputSchema.source());
        this.client = GeminiClients.create(settings);
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public GenerationResult generate(GenerationRequest request) throws GenerationFailure {
        List<String> warnings = new ArrayList<>();
        // Claims the brand forbids are taken out of the brief before the model ever sees them.
        ScreenedBrief brief = ScreenedBrief.screen(request.brief(), request.policy(), warnings);
        GenerateContentConfig config = GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText(GeminiPrompt.systemInstruction(request.policy()))))
                .responseMimeType("application/json")
                .responseJsonSchema(outputJsonSchema)
                .temperature(0.7f)
                .build();
        List<Content> conversation = new ArrayList<>();
        conversation.add(Content.builder()
                .role("user")
                .parts(Part.fromText(GeminiPrompt.userPrompt(brief, request)))
                .build());
        List<String> problems = List.of();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            String reply;
            try {
                GenerateContentResponse response =
                        client.models.generateContent(settings.model(), conversation, config);
                reply = response.text();
            } catch (ApiException e) {
                throw new GenerationFailure(
                        "Vertex AI answered HTTP " + e.code() + " " + e.status() + ": " + e.message(), e);
            } catch (RuntimeException e) {
                throw new GenerationFailure("cannot reach Vertex AI: " + e.getMessage(), e);
            }
            Map<Channel, List<SocialPost>> posts = new LinkedHashMap<>();
            problems = read(reply, request, posts);
            if (problems.isEmpty()) {
                if (attempt > 1) warnings.add("gemini: the model's reply was accepted on attempt " + attempt);
                return enforce(request, posts, warnings);
            }
            LOG.warn("Gemini reply {} of {} was off-contract: {}", attempt, settings.maxAttempts(), problems);
            conversation.add(Content.builder()
                    .role("model")
                    .parts(Part.fromText(reply == null ? "" : reply))
                    .build());
            conversation.add(Content.builder()
                    .role("user")
                    .parts(Part.fromText(GeminiPrompt.repairPrompt(problems)))
                    .build());
        }
        throw new GenerationFailure(
                "the model's replies broke the output contract " + settings.maxAttempts() + " times (last: "
                        + String.join("; ", problems) + "); try again or switch marketing.generator to local",
                null);
    }

    /** Parses and checks a reply; fills {@code posts} and returns the problems (empty when usable). */
    private List<String> read(String reply, GenerationRequest request, Map<Channel, List<SocialPost>> posts) {
        if (reply == null || reply.isBlank()) return List.of("the reply was empty");
        JsonNode json;
        try {
            json = Json.parse(stripFence(reply));
        } catch (JsonParseFailure e) {
            return List.of("the reply is not JSON (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        for (FieldError error : outputSchema.validate(json)) problems.add("schema: " + error);
        if (!problems.isEmpty()) return problems;
        for (JsonNode channelNode : json.path("channels")) {
            String name = channelNode.path("channel").asString();
            Channel channel = Channel.fromWire(name).orElse(null);
            if (channel == null || !request.channels().contains(channel)) {
                problems.add("channel '" + name + "' was not asked for");
                continue;
            }
            List<SocialPost> list = posts.computeIfAbsent(channel, key -> new ArrayList<>());
            for (JsonNode post : channelNode.path("posts")) {
                if (!post.path("text").asString("").isBlank()) list.add(SocialPost.fromJson(post));
            }
        }
        for (Channel channel : request.channels()) {
            if (posts.getOrDefault(channel, List.of()).isEmpty())
                problems.add("no posts for channel '" + channel.wireName() + "'");
        }
        return problems;
    }

    private GenerationResult enforce(
            GenerationRequest request, Map<Channel, List<SocialPost>> posts, List<String> warnings) {
        List<ChannelPosts> channels = new ArrayList<>();
        for (Channel channel : request.channels()) {
            List<SocialPost> fromModel = posts.get(channel);
            if (fromModel.size() < request.variationsPerChannel()) {
                warnings.add(channel.wireName() + ": the model wrote " + fromModel.size() + " of "
                        + request.variationsPerChannel() + " variations");
            }
            List<SocialPost> enforced = new ArrayList<>();
            for (SocialPost post : fromModel.subList(0, Math.min(fromModel.size(), request.variationsPerChannel()))) {
                enforced.add(enforcer.enforce(channel, post, request.policy(), request.constraints(), warnings));
            }
            channels.add(new ChannelPosts(channel, enforced));
        }
        return new GenerationResult(channels, warnings);
    }

    /** Models sometimes wrap JSON in a Markdown fence even when asked for JSON. */
    private static String stripFence(String reply) {
        String trimmed = reply.strip();
        if (trimmed.startsWith("```")) {
            trimmed = trimmed.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        return trimmed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return (Map<String, Object>) Json.MAPPER.convertValue(node, Map.class);
    }

    @Override
    public void close() {
        client.close();
    }
}
