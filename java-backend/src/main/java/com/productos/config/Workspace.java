package com.productos.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a user works in. Everything Product OS keeps lives under its {@code .productos/}
 * folder: the SQLite store, logs, artifacts and the optional config.yaml.
 */
public final class Workspace {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
    public static final String DATA_DIR_NAME = ".productos";
    private final Path root;
    private final Path dataDir;

    private Workspace(Path root) {
        this.root = root;
        this.dataDir = root.resolve(DATA_DIR_NAME);
    }

    /**
     * Opens the workspace at {@code root}, creating {@code .productos/} and its sub-folders if needed,
     * owner-only (see {@link PrivateState}). A folder that is missing or not writable is a
     * {@link ConfigException} saying what to do.
     */
    public static Workspace open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.isRegularFile(absolute)) {
            throw new ConfigException(
                    "workspace " + absolute + " is a file, not a folder; pass --workspace the folder you work in");
        }
        if (!Files.isDirectory(absolute)) {
            throw new ConfigException(
                    "workspace folder " + absolute + " does not exist; create it or pass --workspace DIR");
        }
        Workspace workspace = new Workspace(absolute);
        Path writableFolder = Files.isDirectory(workspace.dataDir) ? workspace.dataDir : absolute;
        if (!Files.isWritable(writableFolder)) {
            throw new ConfigException(
                    "workspace folder " + writableFolder + " is not writable by this user, and Product OS"
                            + " keeps its runs there; fix its permissions (chmod u+w " + writableFolder
                            + ") or pass --workspace"
                            + " a folder you own");
        }
        try {
            PrivateState.ownerOnlyDirectory(workspace.dataDir);
            PrivateState.ownerOnlyDirectory(workspace.logsDir());
            PrivateState.ownerOnlyDirectory(workspace.artifactsDir());
            // Runs, tokens and local databases are not for the user's repository.
            Path ignore = workspace.dataDir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                PrivateState.ownerOnlyFile(ignore);
                Files.writeString(ignore, "*\n");
            }
            PrivateState.tighten(workspace.dataDir);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot prepare " + workspace.dataDir + " (" + e.getMessage() + "); check that the"
                            + " folder and everything in it belong to this user and are writable, or pass --workspace another folder");
        }
        return workspace;
    }

    /**
     * Makes the files this process's databases created since {@link #open} owner-only too (see
     * {@link PrivateState}); they were never anyone else's, so this logs at debug only.
     */
    public void tightenState() {
        try {
            PrivateState.tighten(dataDir, false);
        } catch (IOException e) {
            LOG.warn("cannot tighten the permissions under {}: {}", dataDir, e.getMessage());
        }
    }

    /** Where the workspace backend keeps its socket, lock and pid files. */
    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path root() {
        return root;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The control plane's own store (runs, approvals); executors never open it. */
    public Path database() {
        return dataDir.resolve("productos.db");
    }

    /**
     * The store file of one executor family ({@code .productos/marketing.db}): each family owns its
     * data, so it can run apart from the control plane (on Cloud Run) without reaching into its store.
     */
    public Path executorStore(String family) {
        if (!family.matches("[a-z][a-z0-9_-]*")) throw new IllegalArgumentException("not a family name: " + family);
        return dataDir.resolve(family + ".db");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path artifactsDir() {
        return dataDir.resolve("artifacts");
    }

    public Path configFile() {
        return dataDir.resolve("config.yaml");
    }
}
