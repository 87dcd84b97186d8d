package com.productos.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a user works in. Everything Product OS keeps lives under its {@code .productos/}
 * folder: the SQLite store, logs, artifacts and the optional config.yaml.
 */
public final class Workspace {
    public static final String DATA_DIR_NAME = ".productos";
    private final Path root;
    private final Path dataDir;

    private Workspace(Path root) {
        this.root = root;
        this.dataDir = root.resolve(DATA_DIR_NAME);
    }

    /** Opens the workspace at {@code root}, creating {@code .productos/} and its sub-folders if needed. */
    public static Workspace open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("workspace folder " + absolute + " does not exist; create it or pass --workspace DIR");
        }
        Workspace workspace = new Workspace(absolute);
        try {
            Files.createDirectories(workspace.logsDir());
            Files.createDirectories(workspace.artifactsDir());
            // Runs, tokens and local databases are not for the user's repository.
            Path ignore = workspace.dataDir.resolve(".gitignore");
            if (!Files.exists(ignore)) Files.writeString(ignore, "*\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workspace.dataDir + ": " + e.getMessage(), e);
        }
        return workspace;
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
