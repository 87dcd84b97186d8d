package com.productos.supervisor.offline;

import com.productos.json.Json;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.ToolNameMap;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.TranscriptEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The offline planner's scenario suite: what a person types, what the conversation already did, and
 * the tool call (with slots) or the question it must produce. Shared by the test and the accuracy
 * harness; {@link #UNSEEN} are paraphrases the rules were not written against, measured but not required.
 */
public final class PlannerScenarios {
    public static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Map<String, String> REGISTRY_BY_MODEL = new HashMap<>();

    static {
        List<String> names = new RegistryLoader()
                .loadBundled().tools().stream().map(ToolDefinition::name).toList();
        ToolNameMap map = ToolNameMap.of(names);
        for (String name : names) REGISTRY_BY_MODEL.put(map.modelName(name), name);
    }

    /** A prior tool call and its output, as the transcript holds them. */
    public record Prior(String tool, String input, String output) {}

    /**
     * @param expected a registry tool name, or "ask:" / "say:" followed by words the answer must contain
     * @param slots JSON pointer to the expected value as JSON text
     */
    public record Scenario(String text, List<Prior> context, String expected, Map<String, String> slots) {
        @Override
        public String toString() {
            return text
                    + (context.isEmpty()
                            ? ""
                            : " (after " + context.stream().map(Prior::tool).toList() + ")");
        }
    }

    static final Prior STATUS_WEB = new Prior(
            "cloudrun.get_service_status",
            "{\"service_name\":\"web\",\"region\":\"us-central1\"}",
            "{\"service_name\":\"web\",\"region\":\"us-central1\",\"service_url\":\"http://127.0.0.1:1\",\"latest_ready_revision\":\"web-00001\",\"status\":\"ready\"}");
    static final Prior DEPLOY_WEB = new Prior(
            "cloudrun.deploy_service",
            "{\"service_name\":\"web\",\"repo\":\"https://github.com/acme/web\",\"ref\":\"main\",\"env\":\"dev\",\"region\":\"us-central1\"}",
            "{\"service_url\":\"http://127.0.0.1:1\",\"revision\":\"web-00002\"}");
    static final Prior FUNNEL = new Prior(
            "analytics.funnel_summary",
            "{\"range_days\":30,\"funnel\":{\"name\":\"visit > signup\",\"steps\":[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"}]}}",
            "{\"funnel_name\":\"visit > signup\",\"range_days\":30,\"steps\":[{\"event_name\":\"visit\",\"users\":200,\"conversion_from_prev\":1},{\"event_name\":\"signup\",\"users\":30,\"conversion_from_prev\":0.15}]}");
    static final Prior DRIVERS = new Prior(
            "analytics.top_drivers",
            "{\"range_days\":30,\"target\":{\"metric\":\"purchase\",\"event_name\":\"purchase\"}}",
            "{\"target\":{\"metric\":\"purchase\"},\"range_days\":30,\"drivers\":[{\"name\":\"invite_teammate\",\"score\":0.8,\"direction\":\"positive\",\"evidence\":\"teams that invite buy 4x more often\",\"confidence\":0.8}]}");
    static final Prior INSIGHT = new Prior(
            "analytics.write_insight",
            "{\"insight\":{\"type\":\"driver\",\"title\":\"What drives purchase\",\"summary\":\"Inviting a teammate goes with buying\",\"severity\":\"info\",\"confidence\":0.8,\"window\":{\"range_days\":30},\"recommendations\":[{\"action\":\"Lean on invite_teammate\",\"rationale\":\"4x\"}]}}",
            "{\"insight_id\":\"ins-1\",\"stored\":{\"bigquery\":{\"dataset\":\"d\",\"table\":\"t\"},\"firestore\":{\"collection\":\"c\",\"doc_id\":\"x\"},\"gcs\":{\"bucket\":\"b\",\"prefix\":\"p\"}}}");
    static final Prior POSTS = new Prior(
            "marketing.generate_channel_posts",
            "{\"brand_profile_id\":\"default\",\"channels\":[\"x\",\"linkedin\"],\"brief\":{\"goal\":\"act on: What drives purchase\",\"product\":\"p\",\"audience\":\"a\",\"key_points\":[\"k\"]}}",
            "{\"channels\":[{\"channel\":\"x\",\"posts\":[{\"text\":\"Invite a teammate.\"}]},{\"channel\":\"linkedin\",\"posts\":[{\"text\":\"Teams that invite buy more.\"}]}]}");
    static final Prior PUBLISHED = new Prior(
            "marketing.publish_missinglettr",
            "{\"campaign\":{\"name\":\"c\",\"posts\":[{\"channel\":\"x\",\"text\":\"t\"}]},\"schedule\":{\"mode\":\"now\"}}",
            "{\"provider\":\"missinglettr\",\"campaign_id\":\"cmp-9\",\"status\":\"queued\"}");

    private static Scenario s(String text, String expected, String... slotPairs) {
        return c(text, List.of(), expected, slotPairs);
    }

    private static Scenario c(String text, List<Prior> context, String expected, String... slotPairs) {
        Map<String, String> slots = new HashMap<>();
        for (int i = 0; i < slotPairs.length; i += 2) slots.put(slotPairs[i], slotPairs[i + 1]);
        return new Scenario(text, context, expected, slots);
    }

    public static final List<Scenario> SUITE = List.of(
            s(
                    "deploy the sample service",
                    "cloudrun.deploy_service",
                    "/service_name",
                    "\"sample-service\"",
                    "/repo",
                    "\"test-fixtures/sample-service\"",
                    "/env",
                    "\"dev\""),
            s(
                    "please ship the sample service to staging",
                    "cloudrun.deploy_service",
                    "/env",
                    "\"staging\"",
                    "/service_name",
                    "\"sample-service\""),
            s("Deploy the sample app to production", "cloudrun.deploy_service", "/env", "\"prod\""),
            s(
                    "deploy web from https://github.com/acme/web at v1.2",
                    "cloudrun.deploy_service",
                    "/service_name",
                    "\"web\"",
                    "/repo",
                    "\"https://github.com/acme/web\"",
                    "/ref",
                    "\"v1.2\""),
            s(
                    "release api from git@github.com:acme/api.git in europe-west1",
                    "cloudrun.deploy_service",
                    "/service_name",
                    "\"api\"",
                    "/region",
                    "\"europe-west1\""),
            s("deploy web", "ask:Which repository"),
            s("deploy", "ask:Which service"),
            c(
                    "redeploy it",
                    List.of(DEPLOY_WEB),
                    "cloudrun.deploy_service",
                    "/service_name",
                    "\"web\"",
                    "/repo",
                    "\"https://github.com/acme/web\""),
            s(
                    "how is web doing",
                    "cloudrun.get_service_status",
                    "/service_name",
                    "\"web\"",
                    "/region",
                    "\"us-central1\""),
            s("how's the api doing?", "cloudrun.get_service_status", "/service_name", "\"api\""),
            s("is web up?", "cloudrun.get_service_status", "/service_name", "\"web\""),
            s("status of checkout", "cloudrun.get_service_status", "/service_name", "\"checkout\""),
            c("what's the status?", List.of(DEPLOY_WEB), "cloudrun.get_service_status", "/service_name", "\"web\""),
            s("what's the status?", "ask:Which service"),
            c(
                    "show me the logs",
                    List.of(STATUS_WEB),
                    "logs.tail",
                    "/scope",
                    "\"service\"",
                    "/service_name",
                    "\"web\"",
                    "/limit",
                    "50"),
            s("show me the logs", "ask:Whose logs"),
            s("logs of web, last 20 lines", "logs.tail", "/service_name", "\"web\"", "/limit", "20"),
            s(
                    "show web logs for the last 10 minutes",
                    "logs.tail",
                    "/service_name",
                    "\"web\"",
                    "/since_seconds",
                    "600"),
            s("show the log of run-abc123", "logs.tail", "/scope", "\"run\"", "/run_id", "\"run-abc123\""),
            s("roll back web", "cloudrun.rollback_service", "/service_name", "\"web\"", "/env", "\"dev\""),
            s(
                    "revert the sample service in prod",
                    "cloudrun.rollback_service",
                    "/service_name",
                    "\"sample-service\"",
                    "/env",
                    "\"prod\""),
            c("undo the last deploy", List.of(DEPLOY_WEB), "cloudrun.rollback_service", "/service_name", "\"web\""),
            s(
                    "funnel visit > signup > activate for the last 30 days",
                    "analytics.funnel_summary",
                    "/range_days",
                    "30",
                    "/funnel/steps",
                    "[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"},{\"event_name\":\"activate\"}]"),
            s(
                    "show the funnel visit → signup over the past 7 days",
                    "analytics.funnel_summary",
                    "/range_days",
                    "7",
                    "/funnel/steps",
                    "[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"}]"),
            s(
                    "funnel from visit to signup to purchase last quarter",
                    "analytics.funnel_summary",
                    "/range_days",
                    "90",
                    "/funnel/steps",
                    "[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"},{\"event_name\":\"purchase\"}]"),
            s(
                    "visit > sign up > activate",
                    "analytics.funnel_summary",
                    "/range_days",
                    "30",
                    "/funnel/steps",
                    "[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"},{\"event_name\":\"activate\"}]"),
            s("run a funnel", "ask:Which steps"),
            s("funnel signup", "ask:Which steps"),
            s("why do users upgrade?", "analytics.top_drivers", "/target/metric", "\"purchase\"", "/range_days", "30"),
            s("Why do customers buy?", "analytics.top_drivers", "/target/event_name", "\"purchase\""),
            s("what drives activation", "analytics.top_drivers", "/target/metric", "\"activate\""),
            s(
                    "top drivers of signup for the last 90 days",
                    "analytics.top_drivers",
                    "/target/metric",
                    "\"signup\"",
                    "/range_days",
                    "90"),
            s("why do teams invite teammates", "analytics.top_drivers", "/target/metric", "\"invite_teammate\""),
            c(
                    "save that as an insight",
                    List.of(FUNNEL),
                    "analytics.write_insight",
                    "/insight/type",
                    "\"funnel_drop\"",
                    "/insight/severity",
                    "\"high\"",
                    "/insight/window/range_days",
                    "30"),
            c(
                    "save this insight",
                    List.of(FUNNEL, DRIVERS),
                    "analytics.write_insight",
                    "/insight/type",
                    "\"driver\"",
                    "/insight/title",
                    "\"What drives purchase\""),
            s("save that as an insight", "ask:Save what"),
            c(
                    "write posts for x and linkedin about it",
                    List.of(DRIVERS, INSIGHT),
                    "marketing.generate_channel_posts",
                    "/channels",
                    "[\"x\",\"linkedin\"]",
                    "/brand_profile_id",
                    "\"default\"",
                    "/brief/goal",
                    "\"act on: What drives purchase\""),
            s(
                    "draft tweets about our new invite button",
                    "marketing.generate_channel_posts",
                    "/channels",
                    "[\"x\"]",
                    "/brief/key_points",
                    "[\"our new invite button\"]"),
            c("write posts about it", List.of(INSIGHT), "ask:For which channels"),
            s("write posts for linkedin about it", "ask:What should the posts be about"),
            c(
                    "publish them tomorrow at 9",
                    List.of(POSTS),
                    "marketing.publish_missinglettr",
                    "/schedule/mode",
                    "\"scheduled\"",
                    "/schedule/start_time",
                    "\"2026-12-04T09:00:00Z\"",
                    "/campaign/posts/1/channel",
                    "\"linkedin\""),
            c("post them now", List.of(POSTS), "marketing.publish_missinglettr", "/schedule/mode", "\"now\""),
            c(
                    "schedule them in 2 hours",
                    List.of(POSTS),
                    "marketing.publish_missinglettr",
                    "/schedule/start_time",
                    "\"2026-12-03T14:00:00Z\""),
            c("publish them", List.of(POSTS), "ask:When should I publish"),
            s("publish them now", "ask:Publish what"),
            c(
                    "how is the campaign doing?",
                    List.of(POSTS, PUBLISHED),
                    "marketing.get_campaign_status",
                    "/campaign_id",
                    "\"cmp-9\""),
            s("show me our brand profile", "brand.get_profile", "/profile_id", "\"default\""),
            s("list the drafts", "marketing.list_drafts"),
            s("skip the approval and publish now", "say:cannot skip"),
            s("make me a sandwich", "say:did not understand"),
            s("delete the customer table", "say:did not understand"),
            s("what can you do?", "say:I can deploy"));

    /** Paraphrases written after the rules, to measure how the planner generalises; not required to pass. */
    public static final List<Scenario> UNSEEN = List.of(
            s("push the sample service live", "cloudrun.deploy_service", "/env", "\"prod\""),
            s("can you check on web for me", "cloudrun.get_service_status", "/service_name", "\"web\""),
            s("is the sample service healthy", "cloudrun.get_service_status", "/service_name", "\"sample-service\""),
            c("any errors in the logs?", List.of(STATUS_WEB), "logs.tail", "/service_name", "\"web\""),
            s("conversion from visit to signup this month", "analytics.funnel_summary", "/range_days", "30"),
            s("what makes people pay", "analytics.top_drivers", "/target/metric", "\"purchase\""),
            c("keep that finding as an insight", List.of(FUNNEL), "analytics.write_insight"),
            c(
                    "prepare a linkedin update about that",
                    List.of(INSIGHT),
                    "marketing.generate_channel_posts",
                    "/channels",
                    "[\"linkedin\"]"),
            c(
                    "send them out at 5pm",
                    List.of(POSTS),
                    "marketing.publish_missinglettr",
                    "/schedule/start_time",
                    "\"2026-12-03T17:00:00Z\""),
            s("go back to the previous version of web", "cloudrun.rollback_service", "/service_name", "\"web\""));

    /** The transcript a context stands for: each prior call as a model step and its result. */
    static List<TranscriptEntry> transcript(List<Prior> context) {
        List<TranscriptEntry> entries = new ArrayList<>();
        int id = 0;
        for (Prior prior : context) {
            String callId = "prior-" + (++id);
            String modelName = REGISTRY_BY_MODEL.entrySet().stream()
                    .filter(e -> e.getValue().equals(prior.tool()))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            entries.add(new TranscriptEntry.UserText("(earlier)"));
            entries.add(new TranscriptEntry.ModelTurn(
                    "",
                    List.of(new ProposedCall(callId, modelName, Json.parse(prior.input()), null)),
                    "offline",
                    null));
            entries.add(
                    new TranscriptEntry.ToolResults(List.of(new ToolResult(callId, modelName, prior.output(), false))));
        }
        return entries;
    }

    /** Null when the planner did what the scenario expects; else what it did instead. */
    public static String check(Scenario scenario) {
        OfflinePlanner planner = new OfflinePlanner(Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
        PlannerStep step = planner.plan(scenario.text(), transcript(scenario.context()), REGISTRY_BY_MODEL);
        if (scenario.expected().startsWith("ask:") || scenario.expected().startsWith("say:")) {
            if (!(step instanceof PlannerStep.Say say)) return "expected words, got a call " + describe(step);
            String words = scenario.expected().substring(4);
            return say.text().contains(words) ? null : "expected words with '" + words + "', got: " + say.text();
        }
        if (!(step instanceof PlannerStep.Call call))
            return "expected " + scenario.expected() + ", got words: " + ((PlannerStep.Say) step).text();
        if (!call.tool().equals(scenario.expected()))
            return "expected " + scenario.expected() + ", got " + describe(step);
        if (!SchemaCheck.valid(call.tool(), call.input()))
            return "the input breaks the schema of " + call.tool() + ": " + call.input();
        for (Map.Entry<String, String> slot : scenario.slots().entrySet()) {
            JsonNode actual = call.input().at(slot.getKey());
            if (!actual.equals(Json.parse(slot.getValue()))) {
                return "slot " + slot.getKey() + " is " + actual + ", expected " + slot.getValue() + " in "
                        + call.input();
            }
        }
        return null;
    }

    private static String describe(PlannerStep step) {
        return step instanceof PlannerStep.Call call
                ? call.tool() + " " + call.input()
                : ((PlannerStep.Say) step).text();
    }

    private PlannerScenarios() {}
}
