package com.productos.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a workspace's {@code .productos/} for its owner only: folders 0700, the databases, logs and run
 * files in them 0600 (they hold the inputs, outputs and tokens of the owner's work). Databases create
 * their side files (WAL, journals) with the process umask, so the tightening runs again after they open.
 * Deployed revision trees are the user's own code and keep their modes.
 */
public final class PrivateState {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateState.class);
    public static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** Folders whose files are state: the data folder itself and these children of it. */
    private static final Set<String> STATE_FOLDERS = Set.of("logs", "run", "artifacts");

    private PrivateState() {}

    /** Permissions for a new owner-only file, or none where the file system has no POSIX modes. */
    public static FileAttribute<?>[] ownerOnlyFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} (and missing parents) and makes it owner-only. */
    public static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, OWNER_DIR);
    }

    /** Tightens the data folder, its state folders and the files in them; logs a line for each change. */
    public static void tighten(Path dataDir) throws IOException {
        if (!POSIX || !Files.isDirectory(dataDir)) return;
        restrict(dataDir, OWNER_DIR);
        try (Stream<Path> children = Files.list(dataDir)) {
            for (Path child : children.toList()) {
                if (Files.isSymbolicLink(child)) continue;
                if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(child, OWNER_FILE);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(child, OWNER_DIR);
                    if (STATE_FOLDERS.contains(child.getFileName().toString())) tightenFiles(child);
                }
            }
        }
    }

    private static void tightenFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder, 4)) {
            for (Path file : files.toList()) {
                if (Files.isSymbolicLink(file) || file.equals(folder)) continue;
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(file, OWNER_DIR);
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(file, OWNER_FILE);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // a file vanished or is unreadable while walking
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!POSIX) return;
        Set<PosixFilePermission> current;
        try {
            current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException vanished) {
            return; // a side file removed while we looked (a WAL checkpoint, a temp file)
        }
        if (current.equals(wanted)) return;
        try {
            Files.setPosixFilePermissions(path, wanted);
        } catch (java.nio.file.NoSuchFileException vanished) {
            return;
        }
        LOG.info("tightened {} from {} to {} (workspace state is for its owner only)", path,
                PosixFilePermissions.toString(current), PosixFilePermissions.toString(wanted));
    }
}
