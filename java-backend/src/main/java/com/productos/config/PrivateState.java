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
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** Folders whose files are state: the data folder itself and these children of it. */
    private static final Set<String> STATE_FOLDERS = Set.of("logs", "run", "artifacts");

    private PrivateState() {}

    /** Permissions for a new owner-only file, or none where the file system has no POSIX modes. */
    public static FileAttribute<?>[] ownerOnlyFile() {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} (and missing parents) and makes it owner-only. */
    public static void ownerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            restrict(dir, OWNER_DIR);
            return;
        }
        Files.createDirectories(dir);
        // Made just now with the process umask: nothing was ever exposed, so nothing to report.
        if (POSIX) Files.setPosixFilePermissions(dir, OWNER_DIR);
    }

    /** Creates an empty owner-only file unless it exists. */
    public static void ownerOnlyFile(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) Files.createFile(file, ownerOnlyFile());
    }

    /** Tightens the data folder, its state folders and the files in them; logs a line for each change. */
    public static void tighten(Path dataDir) throws IOException {
        tighten(dataDir, true);
    }

    /**
     * As {@link #tighten(Path)}; with {@code report} false a change is logged at debug only, for files
     * this process has just created itself (a database's side files), which were never someone else's.
     */
    public static void tighten(Path dataDir, boolean report) throws IOException {
        if (!POSIX || !Files.isDirectory(dataDir)) return;
        restrict(dataDir, OWNER_DIR, report);
        try (Stream<Path> children = Files.list(dataDir)) {
            for (Path child : children.toList()) {
                if (Files.isSymbolicLink(child)) continue;
                if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(child, OWNER_FILE, report);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(child, OWNER_DIR, report);
                    if (STATE_FOLDERS.contains(child.getFileName().toString())) tightenFiles(child, report);
                }
            }
        }
    }

    private static void tightenFiles(Path folder, boolean report) throws IOException {
        try (Stream<Path> files = Files.walk(folder, 4)) {
            for (Path file : files.toList()) {
                if (Files.isSymbolicLink(file) || file.equals(folder)) continue;
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(file, OWNER_DIR, report);
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(file, OWNER_FILE, report);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // a file vanished or is unreadable while walking
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        restrict(path, wanted, true);
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted, boolean report) throws IOException {
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
        String line = "tightened {} from {} to {} (workspace state is for its owner only)";
        if (report) {
            LOG.info(line, path, PosixFilePermissions.toString(current), PosixFilePermissions.toString(wanted));
        } else {
            LOG.debug(line, path, PosixFilePermissions.toString(current), PosixFilePermissions.toString(wanted));
        }
    }
}
