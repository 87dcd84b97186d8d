package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceExecutorsTest {
    @TempDir
    Path dir;

    private ExecutorEnvironment environment() {
        return new ExecutorEnvironment(
                Workspace.open(dir), ExecutorTestSupport.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC());
    }

    private Path published() {
        return dir.resolve(".productos/run/executors.json");
    }

    @Test
    void secondBackendOnAWorkspaceShouldUseTheFirstOnesExecutors() throws Exception {
        try (WorkspaceExecutors first = WorkspaceExecutors.attachOrStart(environment())) {
            assertTrue(first.ownsExecutors());
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(published())),
                    "the file holds the bearer token");
            try (WorkspaceExecutors second = WorkspaceExecutors.attachOrStart(environment())) {
                assertFalse(second.ownsExecutors());
                assertEquals(
                        first.endpointFor("analytics").baseUrl(),
                        second.endpointFor("analytics").baseUrl());
                assertEquals(
                        first.endpointFor("analytics").bearerToken(),
                        second.endpointFor("analytics").bearerToken());
            }
            assertTrue(Files.exists(published()), "a borrower must not withdraw the owner's executors");
        }
        assertFalse(Files.exists(published()));
    }

    @Test
    void executorsOfAStoppedBackendShouldBeReplaced() throws Exception {
        String firstUrl;
        try (WorkspaceExecutors first = WorkspaceExecutors.attachOrStart(environment())) {
            firstUrl = first.endpointFor("brand").baseUrl().toString();
            Files.copy(published(), dir.resolve("stale.json"));
        }
        // As if the owner had crashed: its file is left behind, its server is gone.
        Files.copy(dir.resolve("stale.json"), published());
        try (WorkspaceExecutors next = WorkspaceExecutors.attachOrStart(environment())) {
            assertTrue(next.ownsExecutors());
            assertNotEquals(firstUrl, next.endpointFor("brand").baseUrl().toString());
        }
    }

    @Test
    void unreadablePublicationShouldBeIgnored() throws Exception {
        Files.createDirectories(published().getParent());
        Files.writeString(published(), "{half a file");
        try (WorkspaceExecutors executors = WorkspaceExecutors.attachOrStart(environment())) {
            assertTrue(executors.ownsExecutors());
        }
    }
}
