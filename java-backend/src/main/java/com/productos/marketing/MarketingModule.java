package com.productos.marketing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputProblems;
import com.productos.executors.RegistryRoutes;
import com.productos.json.Json;
import com.productos.marketing.drafts.CampaignDraft;
import com.productos.marketing.plans.CampaignLinks;
import com.productos.marketing.plans.PlanService;
import com.productos.marketing.publishing.PublishService;
import com.productos.registry.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The marketing executor: campaign plans, post generation, campaign drafts, publishing and campaign
 * status. Registry tools are served at their registry paths; linking a draft to an insight and the copy
 * review are plain executor routes for the CLI, the IDE and the approval step.
 */
public final class MarketingModule implements ExecutorModule {
    public static final String NAME = "marketing";
    public static final String DRAFT_LINK_PATH = "/execute/marketing/drafts/link_insight";
    public static final String REVIEW_COPY_PATH = "/execute/marketing/review_copy";

    private final GenerationService generation;
    private final DraftService drafts;
    private final PublishService publishing;
    private final CopyReview copyReview;
    private final PlanService plans;
    private final List<AutoCloseable> resources;
    private final Map<String, ExecutorHandler> routes;

    MarketingModule(
            GenerationService generation,
            DraftService drafts,
            PublishService publishing,
            CopyReview copyReview,
            PlanService plans,
            List<AutoCloseable> resources,
            ToolRegistry registry) {
        this.copyReview = copyReview;
        this.plans = plans;
        this.generation = generation;
        this.drafts = drafts;
        this.publishing = publishing;
        this.resources = List.copyOf(resources);
        this.routes = routes(new RegistryRoutes(registry, NAME));
    }

    /**
     * The factory for {@link com.productos.app.ExecutorCatalog}; {@code brandProfiles} opens the
     * Company Brain the generator reads profiles from.
     */
    public static ExecutorModuleFactory factory(
            Function<com.productos.executors.ExecutorEnvironment, BrandProfiles> brandProfiles) {
        return ExecutorModuleFactory.named(
                NAME, environment -> MarketingModuleBuilder.build(environment, brandProfiles.apply(environment)));
    }

    public GenerationService generation() {
        return generation;
    }

    public DraftService drafts() {
        return drafts;
    }

    public PublishService publishing() {
        return publishing;
    }

    public CopyReview copyReview() {
        return copyReview;
    }

    @Override
    public String executorName() {
        return NAME;
    }

    @Override
    public Map<String, ExecutorHandler> routes() {
        return routes;
    }

    private Map<String, ExecutorHandler> routes(RegistryRoutes routes) {
        routes.tool("marketing.generate_channel_posts", request -> {
            String planId = plans.linkedPlan(request.input());
            GenerationService.Generated generated =
                    generation.generate(request.input(), request.runId(), request.log());
            plans.link(planId, CampaignLinks.Kind.DRAFT, generated.draft().draftId(), request.runId(), request.log());
            return generated.output();
        });
        routes.tool(
                "marketing.generate_campaign_plan",
                request -> plans.generate(request.input(), request.runId(), request.idempotencyKey(), request.log()));
        routes.tool("marketing.list_campaigns", request -> plans.list(request.input()));
        routes.tool("marketing.get_campaign", request -> plans.get(requiredText(request, "plan_id")));
        routes.tool("marketing.publish_missinglettr", request -> {
            String planId = plans.linkedPlan(request.input());
            JsonNode published =
                    publishing.publish(request.input(), request.idempotencyKey(), request.runId(), request.log());
            plans.link(
                    planId,
                    CampaignLinks.Kind.PUBLICATION,
                    published.path("campaign_id").asString(null),
                    request.runId(),
                    request.log());
            return published;
        });
        routes.tool(
                "marketing.get_campaign_status",
                request -> publishing.status(requiredText(request, "campaign_id"), request.log()));
        routes.tool(
                "marketing.get_draft",
                request -> drafts.get(requiredText(request, "draft_id")).toJson());
        routes.tool("marketing.list_drafts", request -> {
            JsonNode insight = request.input().path("insight_id");
            List<CampaignDraft> list = drafts.list(
                    insight.isString() ? insight.asString() : null,
                    request.input().path("limit").asInt(50));
            ObjectNode output = Json.object();
            ArrayNode items = output.putArray("drafts");
            list.forEach(draft -> items.add(draft.toJson()));
            return output;
        });
        routes.tool("marketing.edit_draft", request -> {
            JsonNode input = request.input();
            if (!input.path("index").canConvertToInt())
                throw InputProblems.single("/index", "give the post's index (0 for the first)");
            JsonNode title = input.path("title");
            JsonNode revision = input.path("expected_revision");
            return drafts.editPost(
                            requiredText(request, "draft_id"),
                            requiredText(request, "channel"),
                            input.path("index").asInt(),
                            input.path("text").isString() ? input.path("text").asString() : null,
                            title.isString() ? title.asString() : null,
                            revision.canConvertToInt() ? revision.asInt() : null)
                    .toJson();
        });
        routes.path(
                DRAFT_LINK_PATH,
                request -> drafts.linkInsight(
                                requiredText(request, "draft_id"),
                                request.input().path("insight_id").asString(null))
                        .toJson());
        routes.path(REVIEW_COPY_PATH, request -> copyReview.review(request.input()));
        return routes.build();
    }

    private static String requiredText(ExecutorRequest request, String field) throws ExecutorFailure {
        JsonNode value = request.input().path(field);
        if (!value.isString() || value.asString().isBlank()) throw InputProblems.single("/" + field, "give " + field);
        return value.asString();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
