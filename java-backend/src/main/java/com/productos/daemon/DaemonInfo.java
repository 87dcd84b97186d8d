package com.productos.daemon;

import com.productos.common.ProcessOwner;
import com.productos.config.PrivateState;
import com.productos.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a live backend says about itself in {@code .productos/run/backend.json}: its process ("pid@start",
 * so a reused pid is never mistaken for it), socket, log, version and idle timeout.
 */
public record DaemonInfo(
        long pid, String owner, String socket, String log, String version, Instant startedAt, long idleTimeoutSeconds) {

    static DaemonInfo current(DaemonFiles files, String version, long idleTimeoutSeconds) {
        return new DaemonInfo(
                ProcessHandle.current().pid(),
                ProcessOwner.current(),
                files.socket().toString(),
                files.log().toString(),
                version,
                Instant.now(),
                idleTimeoutSeconds);
    }

    /** True when the process it names is still this backend (not a later process that reused the pid). */
    public boolean alive() {
        return ProcessOwner.isAlive(owner);
    }

    void write(Path file) throws IOException {
        var node = Json.object()
                .put("pid", pid)
                .put("owner", owner)
                .put("socket", socket)
                .put("log", log)
                .put("version", version)
                .put("started_at", startedAt.toString())
                .put("idle_timeout_seconds", idleTimeoutSeconds);
        Path temporary = Files.createTempFile(file.getParent(), "backend", ".tmp", PrivateState.ownerOnlyFile());
        Files.writeString(temporary, Json.write(node));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded backend, if the file exists and reads; a half-written or foreign file counts as absent. */
    public static Optional<DaemonInfo> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            JsonNode node = Json.parse(Files.readString(file));
            return Optional.of(new DaemonInfo(
                    node.path("pid").asLong(),
                    node.path("owner").asString(""),
                    node.path("socket").asString(""),
                    node.path("log").asString(""),
                    node.path("version").asString(""),
                    Instant.parse(node.path("started_at").asString()),
                    node.path("idle_timeout_seconds").asLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the file only if it still describes this process (a newer backend may have replaced it). */
    static void removeIfOwn(Path file, String owner) {
        read(file).filter(info -> info.owner().equals(owner)).ifPresent(info -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Stale files are recognised by their dead owner.
            }
        });
    }
}
