package com.productos.daemon;

import com.productos.app.Backend;
import com.productos.app.Contracts;
import com.productos.config.UserSettings;
import com.productos.config.Workspace;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the {@link BackendConnection} a command uses: the workspace backend process, started when none
 * runs, or, with {@code --no-daemon} (or PRODUCTOS_NO_DAEMON=1 for CI), a backend in this process.
 */
public final class BackendConnections {
    public static final String NO_DAEMON_VARIABLE = "PRODUCTOS_NO_DAEMON";

    private BackendConnections() {}

    public static boolean inProcessRequested(boolean noDaemonFlag, Map<String, String> environment) {
        String variable = environment.get(NO_DAEMON_VARIABLE);
        return noDaemonFlag
                || (variable != null
                        && !variable.isBlank()
                        && !variable.equals("0")
                        && !variable.equalsIgnoreCase("false"));
    }

    /** The backend of {@code workspaceRoot}: in this process, or the workspace backend (started if need be). */
    public static BackendConnection open(
            Path workspaceRoot, boolean noDaemon, Map<String, String> environment, String clientName) {
        if (inProcessRequested(noDaemon, environment))
            return new InProcessConnection(Backend.open(workspaceRoot, environment));
        DaemonFiles files = DaemonFiles.of(Workspace.open(workspaceRoot));
        return connect(files, DaemonLauncher.connectOrStart(files), clientName);
    }

    /** The workspace backend if one runs now; never starts one. */
    public static Optional<BackendConnection> openIfRunning(Path workspaceRoot, String clientName) {
        DaemonFiles files = DaemonFiles.of(Workspace.open(workspaceRoot));
        return DaemonLauncher.connectIfRunning(files).map(channel -> connect(files, channel, clientName));
    }

    private static BackendConnection connect(DaemonFiles files, SocketChannel channel, String clientName) {
        long pid = DaemonInfo.read(files.info()).map(DaemonInfo::pid).orElse(0L);
        return DaemonConnection.open(
                channel,
                pid,
                () -> Contracts.policy(files.workspace(), UserSettings.load(System.getenv())),
                clientName);
    }
}
