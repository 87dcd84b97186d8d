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
    private final LocalCampaignPlanner planner;
    private final PlanStore plans;
    private final Clock clock;

    public PlanService(BrandLookup brands, LocalCampaignPlanner planner, PlanStore plans, Clock clock) {
        this.brands = brands;
        this.planner = planner;
        this.plans = plans;
        this.clock = clock;
    }

    public PlanStore store() {
        return plans;
    }

    public ObjectNode generate(JsonNode input, String runId, String idempotencyKey, ExecutorLog log) throws ExecutorFailure {
        CampaignPlanRequest request = CampaignPlanInput.parse(input, clock);
        ClaimsPolicy policy = brands.policyFor(request.brandProfileId(), "/brand_profile_id");
        String planId = idempotencyKey == null || idempotencyKey.isBlank()
                ? "plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20)
                : "plan_" + Json.sha256Hex("generate_campaign_plan\u0000" + idempotencyKey).substring(0, 20);
        var earlier = plans.find(planId);
        if (earlier.isPresent()) {
            log.info("campaign plan " + planId + " was already made for this idempotency key; returning it");
            return earlier.get();
        }
        ObjectNode plan = planner.plan(planId, request, policy, clock.instant());
        plans.add(plan, runId);
        plan.path("warnings").forEach(warning -> log.warn(warning.asString()));
        log.info("saved campaign plan " + planId + " (" + planner.name() + " planner) with utm_campaign="
                + plan.path("utm").path("utm_campaign").asString());
        log.artifact("campaign-plan", "productos://marketing/plans/" + planId, "application/json");
        return plan;
    }
}
