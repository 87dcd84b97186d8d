package com.productos.marketing.plans;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.json.Json;
import com.productos.marketing.BrandLookup;
import com.productos.marketing.claims.ClaimsPolicy;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * marketing.generate_campaign_plan: checks the input, reads the brand, plans, and stores the plan
 * linked to its insight and run. With an idempotency key the plan id comes from the key, so a
 * repeated call returns the stored plan instead of making a second one.
 */
public final class PlanService {
    private final BrandLookup brands;
    private final CampaignPlanner planner;
    private final PlanStore plans;
    private final CampaignLinks links;
    private final Clock clock;

    public PlanService(BrandLookup brands, CampaignPlanner planner, PlanStore plans, CampaignLinks links, Clock clock) {
        this.brands = brands;
        this.planner = planner;
        this.plans = plans;
        this.links = links;
        this.clock = clock;
    }

    /**
     * The {@code plan_id} a generate or publish input names, after checking the plan exists (so nothing
     * is generated or published for a plan that is not there), or null when the input names none.
     */
    public String linkedPlan(JsonNode input) throws ExecutorFailure {
        JsonNode planId = input.path("plan_id");
        if (planId.isMissingNode() || planId.isNull()) return null;
        if (!planId.isString() || plans.find(planId.asString()).isEmpty()) {
            throw com.productos.executors.InputProblems.single(
                    "/plan_id",
                    "campaign plan '" + planId.asString("")
                            + "' does not exist; make one with marketing.generate_campaign_plan or leave plan_id out");
        }
        return planId.asString();
    }

    /** Records that the plan led to this draft or publication. */
    public void link(String planId, CampaignLinks.Kind kind, String refId, String runId, ExecutorLog log) {
        if (planId == null || refId == null || refId.isBlank()) return;
        links.add(planId, kind, refId, runId, clock.instant());
        log.info("linked " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + refId + " to campaign plan "
                + planId);
    }

    /** marketing.list_campaigns: plans newest first, each with how many drafts and publications it led to. */
    public ObjectNode list(JsonNode input) {
        JsonNode insight = input.path("insight_id");
        int limit = Math.max(1, Math.min(200, input.path("limit").asInt(50)));
        ObjectNode output = Json.object();
        var items = output.putArray("campaigns");
        for (ObjectNode plan : plans.list(insight.isString() ? insight.asString() : null, limit)) {
            String planId = plan.path("plan_id").asString();
            ObjectNode item = items.addObject()
                    .put("plan_id", planId)
                    .put("name", plan.path("name").asString());
            item.set("insight_id", plan.path("insight_id"));
            item.put("created_at", plan.path("created_at").asString())
                    .put("utm_campaign", plan.path("utm").path("utm_campaign").asString())
                    .put("drafts", links.of(planId, CampaignLinks.Kind.DRAFT).size())
                    .put(
                            "publications",
                            links.of(planId, CampaignLinks.Kind.PUBLICATION).size());
        }
        return output;
    }

    /** marketing.get_campaign: the plan with the drafts and publications it led to. */
    public ObjectNode get(String planId) throws ExecutorFailure {
        ObjectNode plan = plans.find(planId)
                .orElseThrow(() -> ExecutorFailure.notFound(
                        "campaign plan '" + planId + "' does not exist; list campaigns with marketing.list_campaigns"));
        ObjectNode output = Json.object();
        output.set("plan", plan);
        var drafts = output.putArray("drafts");
        links.of(planId, CampaignLinks.Kind.DRAFT).forEach(drafts::add);
        var publications = output.putArray("publications");
        links.of(planId, CampaignLinks.Kind.PUBLICATION).forEach(publications::add);
        return output;
    }

    public ObjectNode generate(JsonNode input, String runId, String idempotencyKey, ExecutorLog log)
            throws ExecutorFailure {
        CampaignPlanRequest request = CampaignPlanInput.parse(input, clock);
        ClaimsPolicy policy = brands.policyFor(request.brandProfileId(), "/brand_profile_id");
        String planId = idempotencyKey == null || idempotencyKey.isBlank()
                ? "plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20)
                : "plan_"
                        + Json.sha256Hex("generate_campaign_plan\u0000" + idempotencyKey)
                                .substring(0, 20);
        var earlier = plans.find(planId);
        if (earlier.isPresent()) {
            log.info("campaign plan " + planId + " was already made for this idempotency key; returning it");
            return earlier.get();
        }
        ObjectNode plan;
        try {
            plan = planner.plan(planId, request, policy, clock.instant());
        } catch (com.productos.marketing.generation.GenerationFailure e) {
            throw ExecutorFailure.unavailable(
                    "campaign planning with " + planner.name() + " failed: " + e.getMessage());
        }
        plans.add(plan, runId);
        plan.path("warnings").forEach(warning -> log.warn(warning.asString()));
        log.info("saved campaign plan " + planId + " (" + planner.name() + " planner) with utm_campaign="
                + plan.path("utm").path("utm_campaign").asString());
        log.artifact("campaign-plan", "productos://marketing/plans/" + planId, "application/json");
        return plan;
    }
}
