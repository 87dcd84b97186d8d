package com.productos.marketing.gemini;

import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Part;
import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.generation.GenerationFailure;
import com.productos.marketing.plans.CampaignPlanRequest;
import com.productos.marketing.plans.PlanCopy;
import com.productos.marketing.plans.PlanCopyWriter;
import com.productos.marketing.plans.RuleBasedPlanCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A plan's words from Gemini on Vertex AI: a name, key messages and a call to action as JSON. Points
 * the brand forbids are taken out before the model sees the source, and what it writes is held to
 * the same policy (a message that makes a forbidden claim is left out with a warning). An unusable
 * reply is sent back with its problems, up to {@code max_attempts}.
 */
public final class GeminiPlanCopy implements PlanCopyWriter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiPlanCopy.class);
    static final int MAX_KEY_MESSAGES = 5;
    private static final Map<String, Object> REPLY_SCHEMA = Map.of(
            "type", "object",
            "required", List.of("name", "key_messages", "call_to_action"),
            "properties",
                    Map.of(
                            "name", Map.of("type", "string"),
                            "key_messages",
                                    Map.of(
                                            "type",
                                            "array",
                                            "minItems",
                                            1,
                                            "maxItems",
                                            MAX_KEY_MESSAGES,
                                            "items",
                                            Map.of("type", "string")),
                            "call_to_action", Map.of("type", "string")));

    private final GeminiSettings settings;
    private final Client client;

    public GeminiPlanCopy(GeminiSettings settings) {
        this.settings = settings;
        this.client = GeminiClients.create(settings);
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public PlanCopy write(CampaignPlanRequest request, ClaimsPolicy policy) throws GenerationFailure {
        List<String> warnings = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (int i = 0; i < request.sourcePoints().size(); i++) {
            RuleBasedPlanCopy.screened(
                            policy,
                            "source point " + (i + 1),
                            request.sourcePoints().get(i),
                            warnings)
                    .ifPresent(points::add);
        }
        GenerateContentConfig config = GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText(systemInstruction(policy))))
                .responseMimeType("application/json")
                .responseJsonSchema(REPLY_SCHEMA)
                .temperature(0.7f)
                .build();
        List<Content> conversation = new ArrayList<>();
        conversation.add(Content.builder()
                .role("user")
                .parts(Part.fromText(userPrompt(request, policy, points)))
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
            List<String> attemptWarnings = new ArrayList<>(warnings);
            List<String> replyProblems = new ArrayList<>();
            PlanCopy copy = read(reply, request, policy, attemptWarnings, replyProblems);
            if (copy != null) {
                if (attempt > 1) attemptWarnings.add("gemini: the model's plan was accepted on attempt " + attempt);
                return new PlanCopy(copy.name(), copy.keyMessages(), copy.callToAction(), attemptWarnings);
            }
            problems = replyProblems;
            LOG.warn("Gemini plan reply {} of {} was unusable: {}", attempt, settings.maxAttempts(), problems);
            conversation.add(Content.builder()
                    .role("model")
                    .parts(Part.fromText(reply == null ? "" : reply))
                    .build());
            conversation.add(Content.builder()
                    .role("user")
                    .parts(Part.fromText("Your reply could not be used: " + String.join("; ", problems)
                            + ". Reply again with JSON only that matches the schema."))
                    .build());
        }
        throw new GenerationFailure(
                "the model's plans were unusable " + settings.maxAttempts() + " times (last: "
                        + String.join("; ", problems) + "); try again or switch marketing.generator to local",
                null);
    }

    /** The reply as plan copy, or null with {@code problems} saying why it cannot be used. */
    private static PlanCopy read(
            String reply,
            CampaignPlanRequest request,
            ClaimsPolicy policy,
            List<String> warnings,
            List<String> problems) {
        if (reply == null || reply.isBlank()) {
            problems.add("the reply was empty");
            return null;
        }
        JsonNode json;
        try {
            json = Json.parse(
                    reply.strip().replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", ""));
        } catch (JsonParseFailure e) {
            problems.add("the reply is not JSON (" + e.getMessage() + ")");
            return null;
        }
        String name = json.path("name").asString("").strip();
        if (name.isEmpty()) problems.add("name is missing");
        List<String> messages = new ArrayList<>();
        JsonNode list = json.path("key_messages");
        for (int i = 0; i < list.size() && messages.size() < MAX_KEY_MESSAGES; i++) {
            RuleBasedPlanCopy.screened(
                            policy,
                            "model's key message " + (i + 1),
                            list.get(i).asString(""),
                            warnings)
                    .ifPresent(messages::add);
        }
        if (messages.isEmpty())
            problems.add("no key message the brand can say (each was empty or broke the brand's rules)");
        String callToAction = RuleBasedPlanCopy.screened(
                        policy,
                        "model's call to action",
                        json.path("call_to_action").asString(""),
                        warnings)
                .orElse("Try " + request.product());
        if (policy.offenceIn(name).isPresent())
            problems.add("the name breaks the brand's rules: "
                    + policy.offenceIn(name).get());
        return problems.isEmpty() ? new PlanCopy(name, messages, callToAction, warnings) : null;
    }

    static String systemInstruction(ClaimsPolicy policy) {
        var brand = policy.brand();
        StringBuilder text = new StringBuilder("You plan marketing campaigns for the brand ")
                .append(brand.name())
                .append(".\n");
        if (!brand.tone().isEmpty())
            text.append("Tone: ").append(String.join("; ", brand.tone())).append(".\n");
        if (!brand.donts().isEmpty())
            text.append("Never: ").append(String.join("; ", brand.donts())).append(".\n");
        if (!brand.forbiddenClaims().isEmpty()) {
            text.append("Never claim, in any wording: ")
                    .append(String.join("; ", brand.forbiddenClaims()))
                    .append(".\n");
        }
        text.append(
                "Avoid superlatives, guarantees and invented numbers. Answer with JSON only: "
                        + "{\"name\": a short campaign name, \"key_messages\": 1 to 5 short messages, \"call_to_action\": a short call to action}.\n");
        return text.toString();
    }

    static String userPrompt(CampaignPlanRequest request, ClaimsPolicy policy, List<String> points) {
        StringBuilder text = new StringBuilder(
                request.insightId() != null ? "An insight to act on:\n" : "A product update to announce:\n");
        text.append("- Title: ").append(request.sourceTitle()).append('\n');
        if (request.sourceSummary() != null)
            text.append("- Summary: ").append(request.sourceSummary()).append('\n');
        text.append(request.insightId() != null ? "- Recommended actions:\n" : "- Key points:\n");
        points.forEach(point -> text.append("  - ").append(point).append('\n'));
        text.append("- Product: ").append(request.product()).append('\n');
        if (!policy.brand().primaryAudience().isBlank())
            text.append("- Audience: ").append(policy.brand().primaryAudience()).append('\n');
        text.append("- The campaign should move conversion to ")
                .append(request.metricEvent())
                .append('\n');
        return text.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
