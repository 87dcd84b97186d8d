package com.productos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.Workspace;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the backend process is started: detached, owner-only files, and the class-data archive when built. */
class DaemonLauncherTest {
    @TempDir
    Path root;

    @Test
    void archiveBesideThePackagedJarShouldBeUsedOnlyWhenPresent() throws Exception {
        Path jar = Files.writeString(root.resolve("productos.jar"), "");
        assertEquals(Optional.empty(), DaemonLauncher.cdsArchive(jar.toString()));
        Path archive = Files.writeString(root.resolve(DaemonLauncher.CDS_ARCHIVE_NAME), "");
        assertEquals(Optional.of(archive), DaemonLauncher.cdsArchive(jar.toString()));
        assertEquals(
                Optional.empty(),
                DaemonLauncher.cdsArchive(jar + File.pathSeparator + root.resolve("other.jar")),
                "a class path other than the one jar was not what the archive was made from");
        assertEquals(
                Optional.empty(),
                DaemonLauncher.cdsArchive(root.resolve("classes").toString()));
    }

    @Test
    void relativeClassPathShouldBeMadeAbsoluteForABackendThatStartsInTheWorkspaceFolder() {
        String here = Path.of("").toAbsolutePath().toString();
        assertEquals(
                here + "/target/productos.jar" + File.pathSeparator + "/opt/lib/a.jar",
                DaemonLauncher.absoluteClassPath(
                        "target/productos.jar" + File.pathSeparator + "/opt/lib/../lib/a.jar"));
    }

    @Test
    void backendShouldRunInItsOwnSessionWithAnOwnerOnlyUmask() {
        List<String> command = DaemonLauncher.command(DaemonFiles.of(Workspace.open(root)));
        assertEquals("/usr/bin/setsid", command.get(0), command.toString());
        assertEquals(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\""), command.subList(1, 4));
        assertTrue(command.get(4).endsWith("java"), command.toString());
        assertEquals(
                List.of(
                        "com.productos.cli.Main",
                        "backend",
                        "run",
                        "--workspace",
                        root.toAbsolutePath().normalize().toString()),
                command.subList(command.size() - 5, command.size()));
    }
}
