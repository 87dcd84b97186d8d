package com.productos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.Backend;
import com.productos.common.SqliteDatabase;
import com.productos.marketing.publishing.PublicationStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend may stop for being idle only when it runs nothing: no client, run, process or local scheduled post. */
class BusyReasonsTest {
    @TempDir
    Path root;

    private Backend backend;
    private final AtomicInteger connections = new AtomicInteger();
    private BusyReasons busy;

    @BeforeEach
    void open() {
        backend = Backend.open(root, Map.of());
        busy = new BusyReasons(
                connections::get, backend.controlPlane(), backend.workspace().executorStore("marketing"));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aNewBackendShouldHaveNothingToDo() {
        assertEquals(List.of(), busy.now());
    }

    @Test
    void aConnectedClientShouldKeepItUp() {
        connections.set(1);
        assertEquals(List.of("1 client connection(s)"), busy.now());
        connections.set(0);
        assertEquals(List.of(), busy.now());
    }

    @Test
    void aProcessItRunsShouldKeepItUp() throws Exception {
        Process service = new ProcessBuilder("sleep", "120").start();
        try {
            List<String> reasons = busy.now();
            assertEquals(1, reasons.size(), reasons.toString());
            assertTrue(reasons.get(0).startsWith("1 process(es) it runs"), reasons.toString());
        } finally {
            service.destroyForcibly();
            service.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), busy.now());
    }

    @Test
    void onlyConfirmedScheduledPostsOfTheLocalOutboxShouldKeepItUp() {
        try (SqliteDatabase marketing = SqliteDatabase.open(backend.workspace().executorStore("marketing"))) {
            new PublicationStore(marketing);
            campaign(marketing, "c_provider", "missinglettr", 1, "scheduled");
            campaign(marketing, "c_unconfirmed", "local_outbox", 0, "scheduled");
            campaign(marketing, "c_done", "local_outbox", 1, "published");
            assertEquals(List.of(), busy.now(), "a provider publishes its own posts; others are not waiting");

            campaign(marketing, "c_waiting", "local_outbox", 1, "scheduled");
            assertEquals(List.of("1 scheduled post(s) in the local outbox"), busy.now());
        }
    }

    private static void campaign(
            SqliteDatabase database, String id, String backendName, int confirmed, String postStatus) {
        database.transaction(connection -> {
            try (var campaign =
                            connection.prepareStatement("INSERT INTO marketing_campaigns (campaign_id, idempotency_key,"
                                    + " request_hash, backend, name, mode, timezone, confirmed, created_at) VALUES (?,?,'h',?,'n','SCHEDULED','UTC',?,"
                                    + " '2026-01-01T00:00:00Z')");
                    var post = connection.prepareStatement(
                            "INSERT INTO marketing_campaign_posts (campaign_id, post_index, channel,"
                                    + " text, media_urls_json, status, due_at) VALUES (?,0,'linkedin','t','[]',?,'2099-01-01T09:00:00Z')")) {
                campaign.setString(1, id);
                campaign.setString(2, "key-" + id);
                campaign.setString(3, backendName);
                campaign.setInt(4, confirmed);
                campaign.executeUpdate();
                post.setString(1, id);
                post.setString(2, postStatus);
                post.executeUpdate();
            }
            return null;
        });
    }
}
