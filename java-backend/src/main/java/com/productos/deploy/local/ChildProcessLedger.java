package com.productos.deploy.local;

import com.productos.json.Json;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every child this backend has started and not yet stopped (build commands and revisions alike),
 * written to {@code .productos/deploy/.children/} the moment each one starts. A backend killed with
 * SIGKILL runs no shutdown hook and its service state may still say BUILDING with no pid; this file
 * is what the next backend reads to stop what it left ({@link OrphanReaper}). Each child is kept with
 * its start time, so that a pid reused by an unrelated process is never taken for it.
 */
final class ChildProcessLedger {
    static final String DIR_NAME = ".children";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final Path file;
    private final String owner;
    private final Map<Long, Instant> children = new LinkedHashMap<>();

    /** {@code owner} is this backend process ("pid@startMillis"); several backends of one JVM get files of their own. */
    ChildProcessLedger(LocalLogLayout layout, String owner) {
        this.owner = owner;
        this.file = dir(layout).resolve(owner.replace('@', '-') + "-" + INSTANCES.incrementAndGet() + ".json");
    }

    static Path dir(LocalLogLayout layout) {
        return layout.deployRoot().resolve(DIR_NAME);
    }

    /** Records a child that has just started; without a readable start time it cannot be told from a reused pid. */
    synchronized void record(ProcessHandle child) throws IOException {
        Instant started = child.info().startInstant().orElse(null);
        if (started == null) throw new IOException("cannot read the start time of process " + child.pid());
        children.put(child.pid(), started);
        write();
    }

    synchronized void forget(ProcessHandle child) throws IOException {
        if (children.remove(child.pid()) != null) write();
    }

    /** Every child has been stopped: the ledger goes. */
    synchronized void clear() throws IOException {
        children.clear();
        Files.deleteIfExists(file);
    }

    private void write() throws IOException {
        if (children.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        ObjectNode root = Json.object().put("owner", owner);
        children.forEach((pid, started) ->
                root.withArray("children").add(Json.object().put("pid", pid).put("started_at", started.toString())));
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, Json.write(root));
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The owner and children recorded in one ledger file. */
    record Entry(String owner, Map<Long, Instant> children) {
        static Entry read(Path file) throws IOException {
            JsonNode root = Json.parse(Files.readString(file));
            Map<Long, Instant> children = new LinkedHashMap<>();
            for (JsonNode child : root.path("children")) {
                children.put(
                        child.path("pid").asLong(),
                        Instant.parse(child.path("started_at").asString()));
            }
            return new Entry(root.path("owner").asString(), children);
        }
    }
}
