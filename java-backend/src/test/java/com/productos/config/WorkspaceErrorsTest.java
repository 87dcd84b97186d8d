package com.productos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --workspace that cannot hold Product OS's state says so and what to do (the jar-level test: WorkspaceBackendIT). */
class WorkspaceErrorsTest {
    @TempDir
    Path root;

    @Test
    void missingFolderShouldBeNamedWithWhatToDo() {
        Path missing = root.resolve("nowhere");
        ConfigException error = assertThrows(ConfigException.class, () -> Workspace.open(missing));
        assertEquals(
                "workspace folder " + missing + " does not exist; create it or pass --workspace DIR",
                error.getMessage());
    }

    @Test
    void aFileInsteadOfAFolderShouldBeNamedWithWhatToDo() throws Exception {
        Path file = Files.writeString(root.resolve("notes.txt"), "x");
        ConfigException error = assertThrows(ConfigException.class, () -> Workspace.open(file));
        assertTrue(error.getMessage().contains(file + " is a file, not a folder"), error.getMessage());
    }

    @Test
    void folderThisUserCannotWriteShouldBeNamedWithWhatToDo() throws Exception {
        // root may write anywhere; WorkspaceBackendIT checks this as another user from the packaged jar.
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes through any mode");
        Path readOnly = Files.createDirectories(root.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            ConfigException error = assertThrows(ConfigException.class, () -> Workspace.open(readOnly));
            assertTrue(error.getMessage().contains(readOnly + " is not writable by this user"), error.getMessage());
            assertTrue(error.getMessage().contains("chmod u+w"), error.getMessage());
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
