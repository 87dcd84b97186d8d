package com.productos.daemon;

import com.productos.common.ProcessOwner;
import com.productos.control.ControlPlane;
import com.productos.marketing.publishing.LocalOutbox;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Why the backend must not stop for being idle: a client connected (an editor, a command, a session
 * waiting), a run in flight, a process it runs (a deployed service's revision, a build), or a post the
 * local outbox has yet to publish at its time. Empty means idle.
 */
final class BusyReasons {
    private final IntSupplier openConnections;
    private final ControlPlane controlPlane;
    private final Path marketingStore;

    BusyReasons(IntSupplier openConnections, ControlPlane controlPlane, Path marketingStore) {
        this.openConnections = openConnections;
        this.controlPlane = controlPlane;
        this.marketingStore = marketingStore;
    }

    List<String> now() {
        List<String> reasons = new ArrayList<>();
        int connections = openConnections.getAsInt();
        if (connections > 0) reasons.add(connections + " client connection(s)");
        for (RunStatus inFlight : List.of(RunStatus.QUEUED, RunStatus.RUNNING)) {
            if (!controlPlane
                    .list(new RunQuery(null, inFlight, null, null, 1, null))
                    .runs()
                    .isEmpty()) {
                reasons.add("a " + inFlight.wireName() + " run");
            }
        }
        long processes = ProcessHandle.current()
                .children()
                .filter(ProcessOwner::isRunning)
                .count();
        if (processes > 0) reasons.add(processes + " process(es) it runs (deployed services, builds)");
        int scheduled = scheduledPosts();
        if (scheduled > 0) reasons.add(scheduled + " scheduled post(s) in the local outbox");
        return reasons;
    }

    /**
     * Posts the local outbox publishes when their time comes; it lives in this process (a provider's
     * scheduled posts are the provider's to publish). They are the
     * marketing family's, in its own store file ({@code Workspace#executorStore("marketing")}), read
     * with a connection of its own (the file or table may not exist yet in a new workspace).
     */
    private int scheduledPosts() {
        if (!Files.exists(marketingStore)) return 0;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + marketingStore);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM marketing_campaign_posts p"
                        + " JOIN marketing_campaigns c ON c.campaign_id = p.campaign_id WHERE p.status = 'scheduled'"
                        + " AND c.confirmed = 1 AND c.backend = '" + LocalOutbox.BACKEND + "'")) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException noOutboxYet) {
            return 0;
        }
    }
}
