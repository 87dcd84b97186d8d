package com.productos.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Pins the bundled registry to the user's seed (shared/seed/architecture.md): for every v1 tool, the
 * risk, executor path, required lists, enums, bounds, defaults and closed objects, transcribed from
 * the seed by hand. A change to any of these must be a deliberate change to this table too.
 */
class RegistryMatchesSeedTest {
    private static ToolRegistry registry;

    @BeforeAll
    static void load() {
        registry = new RegistryLoader().loadBundled();
    }

    static Stream<Arguments> seedFacts() {
        return Stream.of(
                // cloudrun.deploy_service
                fact("cloudrun.deploy_service", "/risk", "\"medium\""),
                fact("cloudrun.deploy_service", "/path", "\"/execute/cloudrun/deploy\""),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/required",
                        "[\"service_name\",\"repo\",\"ref\",\"env\",\"region\"]"),
                fact("cloudrun.deploy_service", "/inputSchema/additionalProperties", "false"),
                fact("cloudrun.deploy_service", "/inputSchema/properties/env/enum", "[\"dev\",\"staging\",\"prod\"]"),
                fact("cloudrun.deploy_service", "/inputSchema/properties/service_name/minLength", "1"),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/properties/build/properties/dockerfile_path/default",
                        "\"Dockerfile\""),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/properties/build/properties/build_context/default",
                        "\".\""),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/properties/env_vars/additionalProperties",
                        "{\"type\":\"string\"}"),
                fact("cloudrun.deploy_service", "/inputSchema/properties/deploy/properties/min_instances/minimum", "0"),
                fact("cloudrun.deploy_service", "/inputSchema/properties/deploy/properties/max_instances/minimum", "1"),
                fact("cloudrun.deploy_service", "/inputSchema/properties/deploy/properties/concurrency/minimum", "1"),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/properties/deploy/properties/timeout_seconds/minimum",
                        "1"),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/properties/deploy/properties/timeout_seconds/maximum",
                        "3600"),
                fact(
                        "cloudrun.deploy_service",
                        "/inputSchema/properties/deploy/properties/allow_unauthenticated/default",
                        "false"),
                fact("cloudrun.deploy_service", "/outputSchema/required", "[\"service_url\",\"revision\"]"),
                // cloudrun.get_service_status
                fact("cloudrun.get_service_status", "/risk", "\"low\""),
                fact("cloudrun.get_service_status", "/inputSchema/required", "[\"service_name\",\"region\"]"),
                fact(
                        "cloudrun.get_service_status",
                        "/outputSchema/required",
                        "[\"service_name\",\"region\",\"service_url\",\"latest_ready_revision\",\"status\"]"),
                fact(
                        "cloudrun.get_service_status",
                        "/outputSchema/properties/status/enum",
                        "[\"ready\",\"deploying\",\"error\",\"unknown\"]"),
                // logs.tail
                fact("logs.tail", "/risk", "\"low\""),
                fact("logs.tail", "/path", "\"/execute/logs/tail\""),
                fact("logs.tail", "/inputSchema/required", "[\"scope\",\"limit\"]"),
                fact("logs.tail", "/inputSchema/properties/scope/enum", "[\"service\",\"run\"]"),
                fact("logs.tail", "/inputSchema/properties/limit/minimum", "1"),
                fact("logs.tail", "/inputSchema/properties/limit/maximum", "2000"),
                fact("logs.tail", "/inputSchema/properties/limit/default", "200"),
                fact("logs.tail", "/inputSchema/properties/since_seconds/minimum", "1"),
                fact("logs.tail", "/inputSchema/properties/since_seconds/maximum", "86400"),
                fact("logs.tail", "/inputSchema/properties/since_seconds/default", "900"),
                fact("logs.tail", "/outputSchema/properties/lines/items/required", "[\"timestamp\",\"text\"]"),
                // brand.get_profile
                fact("brand.get_profile", "/risk", "\"low\""),
                fact("brand.get_profile", "/inputSchema/required", "[\"profile_id\"]"),
                fact("brand.get_profile", "/outputSchema/required", "[\"profile_id\",\"brand\"]"),
                fact(
                        "brand.get_profile",
                        "/outputSchema/properties/brand/required",
                        "[\"name\",\"voice\",\"audience\",\"claims_policy\"]"),
                fact(
                        "brand.get_profile",
                        "/outputSchema/properties/brand/properties/voice/required",
                        "[\"tone\",\"style_notes\",\"do\",\"dont\"]"),
                fact(
                        "brand.get_profile",
                        "/outputSchema/properties/brand/properties/claims_policy/additionalProperties",
                        "false"),
                // brand.update_profile
                fact("brand.update_profile", "/risk", "\"medium\""),
                fact("brand.update_profile", "/inputSchema/required", "[\"profile_id\",\"patch\"]"),
                fact("brand.update_profile", "/outputSchema/required", "[\"ok\",\"updated_at\"]"),
                // analytics.funnel_summary
                fact("analytics.funnel_summary", "/risk", "\"low\""),
                fact("analytics.funnel_summary", "/inputSchema/required", "[\"range_days\",\"funnel\"]"),
                fact("analytics.funnel_summary", "/inputSchema/properties/range_days/minimum", "1"),
                fact("analytics.funnel_summary", "/inputSchema/properties/range_days/maximum", "365"),
                fact("analytics.funnel_summary", "/inputSchema/properties/funnel/required", "[\"name\",\"steps\"]"),
                fact("analytics.funnel_summary", "/inputSchema/properties/funnel/properties/steps/minItems", "2"),
                fact(
                        "analytics.funnel_summary",
                        "/inputSchema/properties/funnel/properties/steps/items/required",
                        "[\"event_name\"]"),
                fact(
                        "analytics.funnel_summary",
                        "/outputSchema/required",
                        "[\"funnel_name\",\"range_days\",\"steps\"]"),
                fact(
                        "analytics.funnel_summary",
                        "/outputSchema/properties/steps/items/properties/conversion_from_prev/maximum",
                        "1"),
                fact("analytics.funnel_summary", "/outputSchema/properties/steps/items/properties/users/minimum", "0"),
                // analytics.top_drivers
                fact("analytics.top_drivers", "/risk", "\"low\""),
                fact("analytics.top_drivers", "/inputSchema/required", "[\"range_days\",\"target\"]"),
                fact("analytics.top_drivers", "/inputSchema/properties/target/required", "[\"metric\"]"),
                fact("analytics.top_drivers", "/outputSchema/required", "[\"target\",\"range_days\",\"drivers\"]"),
                fact(
                        "analytics.top_drivers",
                        "/outputSchema/properties/drivers/items/required",
                        "[\"name\",\"score\",\"direction\",\"evidence\"]"),
                fact(
                        "analytics.top_drivers",
                        "/outputSchema/properties/drivers/items/properties/direction/enum",
                        "[\"positive\",\"negative\",\"mixed\",\"unknown\"]"),
                // analytics.write_insight
                fact("analytics.write_insight", "/risk", "\"medium\""),
                fact(
                        "analytics.write_insight",
                        "/inputSchema/properties/insight/required",
                        "[\"type\",\"title\",\"summary\",\"severity\",\"confidence\",\"window\",\"recommendations\"]"),
                fact(
                        "analytics.write_insight",
                        "/inputSchema/properties/insight/properties/type/enum",
                        "[\"funnel_drop\",\"anomaly\",\"driver\",\"experiment_result\",\"general\"]"),
                fact(
                        "analytics.write_insight",
                        "/inputSchema/properties/insight/properties/severity/enum",
                        "[\"info\",\"low\",\"medium\",\"high\",\"critical\"]"),
                fact(
                        "analytics.write_insight",
                        "/inputSchema/properties/insight/properties/recommendations/minItems",
                        "1"),
                fact(
                        "analytics.write_insight",
                        "/outputSchema/properties/stored/required",
                        "[\"bigquery\",\"firestore\",\"gcs\"]"),
                // marketing.generate_channel_posts
                fact("marketing.generate_channel_posts", "/risk", "\"low\""),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/required",
                        "[\"brief\",\"channels\",\"brand_profile_id\"]"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/brief/required",
                        "[\"goal\",\"product\",\"audience\",\"key_points\"]"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/channels/items/enum",
                        "[\"x\",\"linkedin\",\"facebook\",\"instagram\",\"tiktok\",\"youtube\",\"pinterest\",\"reddit\",\"google_business\",\"mastodon\",\"bluesky\",\"threads\"]"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/variations_per_channel/maximum",
                        "10"),
                fact("marketing.generate_channel_posts", "/inputSchema/properties/variations_per_channel/default", "3"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/constraints/properties/max_length/minimum",
                        "50"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/constraints/properties/max_length/maximum",
                        "4000"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/constraints/properties/emoji_level/enum",
                        "[\"none\",\"light\",\"medium\",\"heavy\"]"),
                fact(
                        "marketing.generate_channel_posts",
                        "/inputSchema/properties/constraints/properties/include_hashtags/default",
                        "true"),
                // marketing.publish_missinglettr
                fact("marketing.publish_missinglettr", "/risk", "\"medium\""),
                fact("marketing.publish_missinglettr", "/inputSchema/required", "[\"campaign\",\"schedule\"]"),
                fact(
                        "marketing.publish_missinglettr",
                        "/inputSchema/properties/campaign/properties/posts/items/required",
                        "[\"channel\",\"text\"]"),
                fact(
                        "marketing.publish_missinglettr",
                        "/inputSchema/properties/schedule/properties/mode/enum",
                        "[\"now\",\"scheduled\"]"),
                fact(
                        "marketing.publish_missinglettr",
                        "/inputSchema/properties/schedule/properties/timezone/default",
                        "\"UTC\""),
                fact("marketing.publish_missinglettr", "/outputSchema/properties/provider/enum", "[\"missinglettr\"]"),
                fact(
                        "marketing.publish_missinglettr",
                        "/outputSchema/properties/status/enum",
                        "[\"queued\",\"scheduled\",\"published\",\"failed\"]"));
    }

    private static Arguments fact(String tool, String pointer, String expectedJson) {
        return Arguments.of(tool, pointer, expectedJson);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seedFacts")
    void registryShouldKeepEverySeedFact(String toolName, String pointer, String expectedJson) {
        ToolDefinition tool = registry.find(toolName).orElseThrow();
        JsonNode actual = switch (pointer) {
            case "/risk" -> Json.toTree(tool.risk().wireName());
            case "/path" -> Json.toTree(tool.executor().path());
            default -> {
                JsonNode root =
                        Json.object().set("inputSchema", tool.inputSchema().source());
                ((tools.jackson.databind.node.ObjectNode) root)
                        .set("outputSchema", tool.outputSchema().source());
                yield root.at(pointer);
            }
        };
        assertEquals(Json.parse(expectedJson), actual, toolName + pointer);
    }

    @Test
    void registryShouldHoldTheTenSeedTools() {
        List<String> seedTools = List.of(
                "cloudrun.deploy_service",
                "cloudrun.get_service_status",
                "logs.tail",
                "brand.get_profile",
                "brand.update_profile",
                "analytics.funnel_summary",
                "analytics.top_drivers",
                "analytics.write_insight",
                "marketing.generate_channel_posts",
                "marketing.publish_missinglettr");
        for (String name : seedTools) {
            assertTrue(registry.find(name).isPresent(), "missing seed tool " + name);
        }
    }

    @Test
    void everyToolObjectShouldBeClosedWhereTheSeedClosesIt() {
        for (ToolDefinition tool : registry.tools()) {
            assertEquals(
                    false,
                    tool.inputSchema().source().path("additionalProperties").asBoolean(true),
                    tool.name() + " input must have additionalProperties: false");
            assertEquals(
                    false,
                    tool.outputSchema().source().path("additionalProperties").asBoolean(true),
                    tool.name() + " output must have additionalProperties: false");
        }
    }
}
