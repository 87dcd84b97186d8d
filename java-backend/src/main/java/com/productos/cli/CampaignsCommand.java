package com.productos.cli;

import com.productos.daemon.BackendConnection;
import com.productos.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code productos campaigns list|show}: campaign plans with their insight, drafts, publications and measurements. */
@Command(
        name = "campaigns",
        description = "Campaigns, with the insight, drafts, publications and measurements linked to them.",
        subcommands = {CampaignsCommand.ListCampaigns.class, CampaignsCommand.ShowCampaign.class})
final class CampaignsCommand {
    @Command(name = "list", description = "List campaign plans, newest first.")
    static final class ListCampaigns extends BackendCommand {
        @Option(names = "--insight", paramLabel = "INSIGHT_ID")
        String insightId;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        int run(BackendConnection backend, Output output) throws Exception {
            ObjectNode input = Json.object().put("limit", limit);
            if (insightId != null) input.put("insight_id", insightId);
            JsonNode campaigns = new RecordReader(backend).read("marketing.list_campaigns", input);
            if (output.json()) {
                output.value(campaigns);
                return ExitCodes.OK;
            }
            for (JsonNode campaign : campaigns.path("campaigns")) {
                output.line(String.format(
                        "%-26s %-22s %-40s insight %-26s drafts %d, publications %d",
                        campaign.path("plan_id").asString(),
                        campaign.path("created_at").asString(),
                        campaign.path("name").asString(),
                        campaign.path("insight_id").asString("-"),
                        campaign.path("drafts").asInt(),
                        campaign.path("publications").asInt()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "show",
            description = "Show a campaign's whole chain: insight, plan, drafts, publications, measurements.")
    static final class ShowCampaign extends BackendCommand {
        @Parameters(paramLabel = "PLAN_ID")
        String planId;

        @Override
        int run(BackendConnection backend, Output output) throws Exception {
            RecordReader reader = new RecordReader(backend);
            JsonNode campaign = reader.read("marketing.get_campaign", "plan_id", planId);
            JsonNode measurements = reader.read("analytics.list_measurements", "campaign_id", planId)
                    .path("measurements");
            JsonNode plan = campaign.path("plan");
            JsonNode insight = plan.path("insight_id").isString()
                    ? reader.read(
                                    "analytics.get_insight",
                                    "insight_id",
                                    plan.path("insight_id").asString())
                            .path("insight")
                    : null;
            if (output.json()) {
                ObjectNode chain = Json.object();
                chain.set("insight", insight);
                chain.set("plan", plan);
                chain.set("drafts", campaign.path("drafts"));
                chain.set("publications", campaign.path("publications"));
                chain.set("measurements", measurements);
                output.value(chain);
                return ExitCodes.OK;
            }
            output.line(
                    plan.path("plan_id").asString() + "  " + plan.path("name").asString());
            output.line("  insight: "
                    + (insight == null
                            ? "none (planned from a product update)"
                            : insight.path("insight_id").asString() + "  "
                                    + insight.path("title").asString()));
            output.line("  goal: " + plan.path("goal").asString());
            output.line(
                    "  utm_campaign: " + plan.path("utm").path("utm_campaign").asString() + ", "
                            + plan.path("schedule").size() + " posts on "
                            + plan.path("channels").size() + " channels from "
                            + plan.path("period").path("start_at").asString() + " to "
                            + plan.path("period").path("end_at").asString());
            for (JsonNode draft : campaign.path("drafts")) {
                output.line("  draft " + draft.path("draft_id").asString() + "  (run "
                        + draft.path("run_id").asString("-") + ")");
            }
            for (JsonNode publication : campaign.path("publications")) {
                output.line("  published " + publication.path("campaign_id").asString() + "  (run "
                        + publication.path("run_id").asString("-") + ")");
            }
            if (measurements.isEmpty())
                output.line("  not measured yet: analytics.measure_campaign with campaign_id " + planId);
            for (JsonNode measurement : measurements) printMeasurement(output, measurement);
            return ExitCodes.OK;
        }
    }

    static void printMeasurement(Output output, JsonNode measurement) {
        output.line("  measured " + measurement.path("measurement_id").asString() + " at "
                + measurement.path("measured_at").asString() + ": "
                + measurement.path("conclusion").asString());
        output.line("    " + measurement.path("summary").asString());
    }
}
