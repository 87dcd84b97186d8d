package com.productos.marketing.plans;

import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.generation.GenerationFailure;

/**
 * Writes a plan's words. The numbers, links, UTM tags and schedule are never left to a writer: the
 * planner sets them by rule, so a plan's links always carry the tag its measurement looks for.
 * Whatever a writer returns has already been held to the brand's claims policy.
 */
public interface PlanCopyWriter {
    String name();

    PlanCopy write(CampaignPlanRequest request, ClaimsPolicy policy) throws GenerationFailure;
}
