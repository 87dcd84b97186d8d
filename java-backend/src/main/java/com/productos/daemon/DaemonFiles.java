package com.productos.daemon;

import com.productos.config.PrivateState;
import com.productos.config.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a workspace's backend keeps its files, all under the owner-only {@code .productos/run/}: the Unix
 * socket it listens on, the description of the live backend, the lock it holds while it lives and the
 * lock that lets two racing commands start exactly one. Its log is {@code .productos/logs/backend.log}.
 *
 * <p>A Unix socket path must fit in 108 bytes; for a deep workspace the socket goes instead into an
 * owner-only folder of the temporary directory, named by a hash of the workspace path.
 */
public record DaemonFiles(
        Workspace workspace, Path runDir, Path socket, Path info, Path lifeLock, Path startLock, Path log) {
    /** Linux's sun_path is 108 bytes with the terminating NUL; stay clear of it. */
    static final int MAX_SOCKET_PATH_BYTES = 100;

    public static DaemonFiles of(Workspace workspace) {
        Path runDir = workspace.runDir();
        Path socket = runDir.resolve("backend.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            socket = shortSocketPath(workspace.root());
        }
        return new DaemonFiles(
                workspace,
                runDir,
                socket,
                runDir.resolve("backend.json"),
                runDir.resolve("backend.lock"),
                runDir.resolve("backend-start.lock"),
                workspace.logsDir().resolve("backend.log"));
    }

    /** Creates the run folder (and the socket's folder, if elsewhere) owner-only. */
    public void prepare() throws IOException {
        PrivateState.ownerOnlyDirectory(runDir);
        PrivateState.ownerOnlyDirectory(socket.getParent());
    }

    private static Path shortSocketPath(Path workspaceRoot) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "productos-" + user);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(workspaceRoot.toString().getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest, 0, 12) + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Makes sure a folder outside the workspace that holds the socket is this user's, not someone else's trap. */
    void checkSocketFolderOwner() throws IOException {
        Path folder = socket.getParent();
        if (folder.startsWith(runDir)) return;
        Object owner = Files.getAttribute(folder, "unix:uid");
        Object self = Files.getAttribute(runDir, "unix:uid");
        if (!owner.equals(self)) {
            throw new IOException(folder + " belongs to another user; remove it, or use a shorter workspace path");
        }
    }
}
