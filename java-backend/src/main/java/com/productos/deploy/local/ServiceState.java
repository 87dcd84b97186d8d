package com.productos.deploy.local;

import com.productos.json.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the local target knows about one service, kept in {@code .productos/deploy/<service>/service.json}
 * and rewritten atomically (temp file + move) after every change, so a crash never leaves it half-written.
 * Not thread-safe: guarded by the service's lock.
 */
final class ServiceState {
    static final String FILE_NAME = "service.json";
    private final String service;
    private int frontPort;
    private int lastRevisionNumber;
    private String serving;
    private Instant lastDeployTime;
    private String lastError;
    private String region;
    private String owner;
    private boolean deploying;
    private final Map<String, RevisionRecord> revisions = new LinkedHashMap<>();

    ServiceState(String service) {
        this.service = service;
    }

    String service() {
        return service;
    }

    int frontPort() {
        return frontPort;
    }

    void frontPort(int port) {
        this.frontPort = port;
    }

    String serving() {
        return serving;
    }

    void serving(String revision) {
        this.serving = revision;
    }

    Instant lastDeployTime() {
        return lastDeployTime;
    }

    void lastDeployTime(Instant time) {
        this.lastDeployTime = time;
    }

    String lastError() {
        return lastError;
    }

    void lastError(String error) {
        this.lastError = error;
    }

    String region() {
        return region;
    }

    void region(String region) {
        this.region = region;
    }

    /** The backend process that runs this service's revisions ("pid@startMillis"). */
    String owner() {
        return owner;
    }

    void owner(String owner) {
        this.owner = owner;
    }

    /** True while the owner deploys or rolls back, so that other processes can report "deploying". */
    boolean deploying() {
        return deploying;
    }

    void deploying(boolean deploying) {
        this.deploying = deploying;
    }

    /** Reserves the next revision name: {@code web-00003}. */
    String nextRevisionName() {
        lastRevisionNumber++;
        return String.format("%s-%05d", service, lastRevisionNumber);
    }

    int lastRevisionNumber() {
        return lastRevisionNumber;
    }

    void put(RevisionRecord revision) {
        revisions.put(revision.name(), revision);
    }

    void remove(String revision) {
        revisions.remove(revision);
    }

    Optional<RevisionRecord> revision(String name) {
        return Optional.ofNullable(revisions.get(name));
    }

    /** All revisions, newest first. */
    List<RevisionRecord> revisionsNewestFirst() {
        List<RevisionRecord> list = new ArrayList<>(revisions.values());
        list.sort(Comparator.comparingInt(RevisionRecord::number).reversed());
        return list;
    }

    /** The newest READY revision older than the serving one: what "previous" rolls back to. */
    Optional<RevisionRecord> previousReady() {
        int servingNumber = revision(serving).map(RevisionRecord::number).orElse(Integer.MAX_VALUE);
        return revisionsNewestFirst().stream()
                .filter(r -> r.status() == RevisionRecord.Status.READY && r.number() < servingNumber)
                .findFirst();
    }

    void save(Path serviceDir) throws IOException {
        ObjectNode root = Json.object()
                .put("service", service)
                .put("front_port", frontPort)
                .put("last_revision_number", lastRevisionNumber);
        if (serving != null) root.put("serving", serving);
        if (lastDeployTime != null) root.put("last_deploy_time", lastDeployTime.toString());
        if (lastError != null) root.put("last_error", lastError);
        if (region != null) root.put("region", region);
        if (owner != null) root.put("owner", owner);
        root.put("deploying", deploying);
        revisions.values().forEach(r -> root.withArray("revisions").add(r.toJson()));
        Files.createDirectories(serviceDir);
        Path temp = serviceDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        try {
            Files.move(
                    temp,
                    serviceDir.resolve(FILE_NAME),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, serviceDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Optional<ServiceState> load(Path serviceDir) throws IOException {
        Path file = serviceDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) return Optional.empty();
        JsonNode root = Json.parse(Files.readString(file));
        ServiceState state = new ServiceState(root.path("service").asString());
        state.frontPort = root.path("front_port").asInt();
        state.lastRevisionNumber = root.path("last_revision_number").asInt();
        state.serving = root.path("serving").isString() ? root.path("serving").asString() : null;
        state.lastDeployTime = root.path("last_deploy_time").isString()
                ? Instant.parse(root.path("last_deploy_time").asString())
                : null;
        state.lastError =
                root.path("last_error").isString() ? root.path("last_error").asString() : null;
        state.region = root.path("region").isString() ? root.path("region").asString() : null;
        state.owner = root.path("owner").isString() ? root.path("owner").asString() : null;
        state.deploying = root.path("deploying").asBoolean(false);
        for (JsonNode revision : root.path("revisions")) state.put(RevisionRecord.fromJson(revision));
        return Optional.of(state);
    }
}
