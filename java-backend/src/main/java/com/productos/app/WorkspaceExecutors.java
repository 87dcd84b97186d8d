package com.productos.app;

import com.productos.common.KnownSecrets;
import com.productos.common.ProcessOwner;
import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorProtocol;
import com.productos.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded executors of a workspace, shared between the processes that open it. The first backend
 * (say the editor's {@code serve --stdio}) starts them and publishes where they listen in
 * {@code .productos/run/executors.json} (owner-only permissions: it holds the bearer token); a
 * backend that opens the workspace while that one lives (the CLI next to the editor) calls the same
 * executors instead of starting its own. One set of executors per workspace means one holder of the
 * DuckDB file, and services deployed from the CLI keep running in the editor's backend.
 */
public final class WorkspaceExecutors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceExecutors.class);
    /** File locks are per process; this keeps two backends of one JVM from racing for the file lock. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final ExecutorEnvironment environment;
    private final EmbeddedExecutors owned;
    private final Path published;
    private final String publishedOwner;
    private final List<ExecutorEndpoint> borrowed;

    private WorkspaceExecutors(
            ExecutorEnvironment environment,
            EmbeddedExecutors owned,
            Path published,
            String publishedOwner,
            List<ExecutorEndpoint> borrowed) {
        this.environment = environment;
        this.owned = owned;
        this.published = published;
        this.publishedOwner = publishedOwner;
        this.borrowed = borrowed;
    }

    /** Uses the executors of a live backend on this workspace, or starts (and publishes) its own. */
    public static WorkspaceExecutors attachOrStart(ExecutorEnvironment environment) {
        Path runDir = environment.workspace().dataDir().resolve("run");
        Path file = runDir.resolve("executors.json");
        IN_PROCESS.lock();
        try {
            Files.createDirectories(runDir);
            try (FileChannel lockFile = FileChannel.open(
                            runDir.resolve("executors.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                Optional<List<ExecutorEndpoint>> live = readLive(file);
                if (live.isPresent()) {
                    LOG.info(
                            "using the executors of the backend already running on this workspace ({})",
                            live.get().isEmpty() ? "none" : live.get().get(0).baseUrl());
                    return new WorkspaceExecutors(environment, null, null, null, live.get());
                }
                EmbeddedExecutors started = EmbeddedExecutors.start(environment);
                String owner = ProcessOwner.current() + "#" + System.identityHashCode(started);
                try {
                    publish(file, owner, started);
                } catch (IOException | RuntimeException e) {
                    started.close();
                    throw e;
                }
                return new WorkspaceExecutors(environment, started, file, owner, List.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot share the workspace's executors through " + file + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Executor name to endpoint: configured remote first, then this workspace's embedded executors. */
    public ExecutorEndpoint endpointFor(String name) {
        if (owned != null) return owned.endpointFor(name);
        return environment
                .config()
                .remoteExecutor(name)
                .or(() -> borrowed.stream()
                        .filter(endpoint -> endpoint.name().equals(name))
                        .findFirst())
                .orElseThrow(() -> EmbeddedExecutors.notRunning(name));
    }

    /** True when this process runs the executors; false when it calls another backend's. */
    public boolean ownsExecutors() {
        return owned != null;
    }

    @Override
    public void close() {
        if (owned == null) return;
        IN_PROCESS.lock();
        try {
            Optional<JsonNode> current = read(published);
            if (current.isPresent()
                    && publishedOwner.equals(current.get().path("owner").asString())) {
                Files.deleteIfExists(published);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", published, e.getMessage());
        } finally {
            IN_PROCESS.unlock();
            owned.close();
        }
    }

    private static void publish(Path file, String owner, EmbeddedExecutors started) throws IOException {
        if (started.server().isEmpty()) return;
        ObjectNode document = Json.object()
                .put("owner", owner)
                .put("url", started.server().get().uri().toString());
        var names = document.putArray("executors");
        String token = null;
        for (String name : started.embeddedExecutorNames()) {
            names.add(name);
            token = started.endpointFor(name).bearerToken();
        }
        document.put("token", token);
        Path temporary = Files.createTempFile(
                file.getParent(),
                "executors",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, Json.write(document));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The published executors, if their owner is alive and answers its health check. */
    private static Optional<List<ExecutorEndpoint>> readLive(Path file) {
        Optional<JsonNode> document = read(file);
        if (document.isEmpty()) return Optional.empty();
        String owner = document.get().path("owner").asString("");
        int instance = owner.indexOf('#');
        if (instance < 0 || !ProcessOwner.isAlive(owner.substring(0, instance))) return Optional.empty();
        URI url;
        try {
            url = URI.create(document.get().path("url").asString(""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!answersHealthCheck(url)) return Optional.empty();
        String token = document.get().path("token").asString(null);
        KnownSecrets.add(token);
        List<ExecutorEndpoint> endpoints = new ArrayList<>();
        document.get()
                .path("executors")
                .forEach(name -> endpoints.add(new ExecutorEndpoint(name.asString(), url, ExecutorAuth.BEARER, token)));
        return Optional.of(endpoints);
    }

    private static Optional<JsonNode> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Json.parse(Files.readString(file))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half-written: treat as absent
        }
    }

    private static boolean answersHealthCheck(URI url) {
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(url.resolve(ExecutorProtocol.HEALTH_PATH))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
