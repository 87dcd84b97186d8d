package com.productos.deploy.local;

import com.productos.json.Json;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A revision as kept on disk. {@code pid}/{@code pidStartedAt} name the process that serves it while it
 * has traffic (0/null otherwise), so a backend that crashed can find and stop it on restart.
 */
record RevisionRecord(
        String name,
        int number,
        String ref,
        String commit,
        Instant createdAt,
        Status status,
        int port,
        long pid,
        Instant pidStartedAt,
        String error) {

    /** BUILDING: being built or started; READY: became healthy once, can take traffic again; FAILED: never healthy. */
    enum Status {
        BUILDING,
        READY,
        FAILED
    }

    RevisionRecord withStatus(Status newStatus, String newError) {
        return new RevisionRecord(name, number, ref, commit, createdAt, newStatus, port, pid, pidStartedAt, newError);
    }

    RevisionRecord withProcess(int newPort, long newPid, Instant newPidStartedAt) {
        return new RevisionRecord(
                name, number, ref, commit, createdAt, status, newPort, newPid, newPidStartedAt, error);
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object()
                .put("name", name)
                .put("number", number)
                .put("ref", ref)
                .put("commit", commit)
                .put("created_at", createdAt.toString())
                .put("status", status.name())
                .put("port", port)
                .put("pid", pid);
        if (pidStartedAt != null) out.put("pid_started_at", pidStartedAt.toString());
        if (error != null) out.put("error", error);
        return out;
    }

    static RevisionRecord fromJson(JsonNode node) {
        return new RevisionRecord(
                node.path("name").asString(),
                node.path("number").asInt(),
                node.path("ref").asString(),
                node.path("commit").asString(),
                Instant.parse(node.path("created_at").asString()),
                Status.valueOf(node.path("status").asString()),
                node.path("port").asInt(),
                node.path("pid").asLong(),
                node.path("pid_started_at").isString()
                        ? Instant.parse(node.path("pid_started_at").asString())
                        : null,
                node.path("error").isString() ? node.path("error").asString() : null);
    }
}
