package com.productos.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.EmbeddedExecutors;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorResult;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class MarketingOverHttpTest {
    @TempDir
    Path root;

    ExecutorResult call(ExecutorHttpClient client, String tool, JsonNode input, String key) throws Exception {
        return client.invoke(ExecutorTestSupport.tool(tool), ExecutorTestSupport.run(tool, input, key))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void theLoopShouldRunOverHttpFromBrandToPublishedCampaign() throws Exception {
        Workspace workspace = Workspace.open(root);
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace, ExecutorTestSupport.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC());
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment);
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), environment.config())) {
            assertTrue(executors.embeddedExecutorNames().contains("marketing"));
            call(client, "brand.update_profile", Json.parse("""
                    {"profile_id": "default", "patch": {"name": "Acme", "voice": {"tone": ["friendly"], "style_notes": [], "do": [], "dont": []},
                     "audience": {"primary": "founders"}, "claims_policy": {"forbidden_claims": ["guaranteed results"], "required_disclaimers": ["Terms apply."]}}}
                    """), "k-brand");
            ExecutorResult generated = call(client, "marketing.generate_channel_posts", Json.parse("""
                    {"brand_profile_id": "default", "brief": {"goal": "signups", "product": "Acme", "audience": "founders",
                     "key_points": ["See drop-offs", "Guaranteed results"]}, "channels": ["x"], "variations_per_channel": 1}
                    """), null);
            String text = generated
                    .output()
                    .path("channels")
                    .get(0)
                    .path("posts")
                    .get(0)
                    .path("text")
                    .asString();
            assertTrue(text.endsWith("Terms apply."), text);
            assertTrue(generated.logs().stream().anyMatch(line -> line.text().contains("forbidden claim")));
            JsonNode publish = Json.parse("{\"campaign\": {\"name\": \"L\", \"posts\": [{\"channel\": \"x\", \"text\": "
                    + Json.write(text) + "}]}, \"schedule\": {\"mode\": \"now\"}}");
            ExecutorResult first = call(client, "marketing.publish_missinglettr", publish, "idem-1");
            ExecutorResult again = call(client, "marketing.publish_missinglettr", publish, "idem-1");
            assertEquals(first.output().path("campaign_id"), again.output().path("campaign_id"));
            ExecutorResult status = call(
                    client,
                    "marketing.get_campaign_status",
                    Json.object()
                            .put(
                                    "campaign_id",
                                    first.output().path("campaign_id").asString()),
                    null);
            assertEquals("published", status.output().path("status").asString());
            ExecutionException bad = assertThrows(
                    ExecutionException.class,
                    () -> call(
                            client,
                            "marketing.publish_missinglettr",
                            Json.parse(
                                    "{\"campaign\": {\"name\": \"L\", \"posts\": [{\"channel\": \"x\", \"text\": \"t\"}]}, \"schedule\": {\"mode\": \"scheduled\"}}"),
                            "idem-2"));
            ExecutorCallException failure = (ExecutorCallException) bad.getCause();
            assertEquals(
                    "/schedule/start_time",
                    failure.details().path("details").get(0).path("pointer").asString(),
                    failure.getMessage());
        }
    }
}
