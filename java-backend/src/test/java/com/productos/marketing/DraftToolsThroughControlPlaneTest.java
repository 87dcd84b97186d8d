package com.productos.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.Backend;
import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.json.Json;
import com.productos.runs.Run;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The draft tools the editor's draft panel uses, called as registry tools through the control plane. */
class DraftToolsThroughControlPlaneTest {
    @TempDir
    Path root;

    private static Run call(ControlPlane plane, String tool, String input) throws Exception {
        Run started = plane.start(CallRequest.byUser(tool, Json.parse(input)));
        return plane.settle(started.id()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aDraftShouldBeListedReadEditedAndAnEditPastTheLimitRefused() throws Exception {
        try (Backend backend = Backend.open(root, Map.of())) {
            ControlPlane plane = backend.controlPlane();
            assertEquals(
                    "succeeded",
                    call(plane, "brand.update_profile", """
                    {"profile_id": "default", "patch": {"name": "Acme", "voice": {"tone": ["friendly"], "style_notes": [], "do": [], "dont": []},
                     "audience": {"primary": "founders"}, "claims_policy": {"forbidden_claims": [], "required_disclaimers": []}}}
                    """).status().wireName());
            assertEquals(
                    "succeeded",
                    call(plane, "marketing.generate_channel_posts", """
                    {"brand_profile_id": "default", "brief": {"goal": "signups", "product": "Acme", "audience": "founders",
                     "key_points": ["See drop-offs"]}, "channels": ["x"], "variations_per_channel": 1}
                    """)
                            .status()
                            .wireName());

            Run listed = call(plane, "marketing.list_drafts", "{}");
            assertEquals("succeeded", listed.status().wireName(), String.valueOf(listed.error()));
            String draftId =
                    listed.output().path("drafts").get(0).path("draft_id").asString();

            Run got = call(plane, "marketing.get_draft", "{\"draft_id\": \"" + draftId + "\"}");
            assertEquals("succeeded", got.status().wireName(), String.valueOf(got.error()));
            assertEquals(
                    280,
                    got.output().path("limits").path("x").path("text_limit").asInt());
            int revision = got.output().path("revision").asInt();

            Run edited = call(
                    plane,
                    "marketing.edit_draft",
                    "{\"draft_id\": \"" + draftId
                            + "\", \"channel\": \"x\", \"index\": 0, \"text\": \"See where signups drop off.\", \"expected_revision\": "
                            + revision + "}");
            assertEquals("succeeded", edited.status().wireName(), String.valueOf(edited.error()));
            JsonNode post =
                    edited.output().path("channels").get(0).path("posts").get(0);
            assertEquals("See where signups drop off.", post.path("text").asString());
            assertEquals(revision + 1, edited.output().path("revision").asInt());

            Run tooLong = call(
                    plane,
                    "marketing.edit_draft",
                    "{\"draft_id\": \"" + draftId + "\", \"channel\": \"x\", \"index\": 0, \"text\": \""
                            + "a".repeat(281) + "\"}");
            assertEquals("failed", tooLong.status().wireName());
            assertTrue(
                    tooLong.error().message().contains("280")
                            || String.valueOf(tooLong.error().details()).contains("280"),
                    String.valueOf(tooLong.error()));
        }
    }
}
