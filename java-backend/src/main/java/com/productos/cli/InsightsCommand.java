package com.productos.cli;

import com.productos.daemon.BackendConnection;
import com.productos.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code productos insights list|show}: insights and the campaigns and measurements that came from them. */
@Command(
        name = "insights",
        description = "Insights, with the campaigns and measurements linked to them.",
        subcommands = {InsightsCommand.ListInsights.class, InsightsCommand.ShowInsight.class})
final class InsightsCommand {
    @Command(name = "list", description = "List insights, newest first.")
    static final class ListInsights extends BackendCommand {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        int run(BackendConnection backend, Output output) throws Exception {
            JsonNode insights = new RecordReader(backend)
                    .read("analytics.list_insights", Json.object().put("limit", limit));
            if (output.json()) {
                output.value(insights);
                return ExitCodes.OK;
            }
            for (JsonNode insight : insights.path("insights")) {
                output.line(String.format(
                        "%-26s %-22s %-8s %s  (run %s)",
                        insight.path("insight_id").asString(),
                        insight.path("created_at").asString(),
                        insight.path("severity").asString(""),
                        insight.path("title").asString(),
                        insight.path("run_id").asString("-")));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show an insight with the campaigns planned from it and their measurements.")
    static final class ShowInsight extends BackendCommand {
        @Parameters(paramLabel = "INSIGHT_ID")
        String insightId;

        @Override
        int run(BackendConnection backend, Output output) throws Exception {
            RecordReader reader = new RecordReader(backend);
            JsonNode insight = reader.read("analytics.get_insight", "insight_id", insightId);
            JsonNode campaigns = reader.read("marketing.list_campaigns", "insight_id", insightId);
            if (output.json()) {
                ObjectNode chain = Json.object();
                chain.set("insight", insight.path("insight"));
                chain.set("campaigns", campaigns.path("campaigns"));
                chain.set("measurements", insight.path("measurements"));
                output.value(chain);
                return ExitCodes.OK;
            }
            JsonNode pointer = insight.path("insight");
            output.line(pointer.path("insight_id").asString() + "  "
                    + pointer.path("title").asString());
            output.line("  type " + pointer.path("type").asString("") + ", severity "
                    + pointer.path("severity").asString("")
                    + ", confidence " + pointer.path("confidence").asString("") + ", written "
                    + pointer.path("created_at").asString()
                    + " by run " + pointer.path("run_id").asString("-"));
            output.line(
                    "campaigns planned from it: " + campaigns.path("campaigns").size());
            for (JsonNode campaign : campaigns.path("campaigns")) {
                output.line("  " + campaign.path("plan_id").asString() + "  "
                        + campaign.path("name").asString() + "  utm_campaign="
                        + campaign.path("utm_campaign").asString() + "  drafts "
                        + campaign.path("drafts").asInt() + ", publications "
                        + campaign.path("publications").asInt());
            }
            output.line("measurements: " + insight.path("measurements").size());
            for (JsonNode measurement : insight.path("measurements"))
                CampaignsCommand.printMeasurement(output, measurement);
            return ExitCodes.OK;
        }
    }
}
