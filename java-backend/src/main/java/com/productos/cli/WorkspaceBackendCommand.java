package com.productos.cli;

import com.productos.config.Workspace;
import com.productos.daemon.BackendConnection;
import com.productos.daemon.BackendConnections;
import com.productos.daemon.DaemonFiles;
import com.productos.daemon.DaemonInfo;
import com.productos.daemon.WorkspaceDaemon;
import com.productos.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code productos backend status|stop|logs|run}: the workspace backend that outlives commands. */
@Command(
        name = "backend",
        description = "The workspace backend process that commands, the editor and MCP share.",
        subcommands = {
            WorkspaceBackendCommand.Status.class,
            WorkspaceBackendCommand.Stop.class,
            WorkspaceBackendCommand.Logs.class,
            WorkspaceBackendCommand.Run.class
        })
final class WorkspaceBackendCommand {
    static final String IDLE_VARIABLE = "PRODUCTOS_BACKEND_IDLE_SECONDS";
    static final long DEFAULT_IDLE_SECONDS = 3600;

    @Command(
            name = "status",
            description =
                    "Whether the workspace backend runs, its pid, socket, log and uptime. Exit 0 when it runs, 1 when not.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            DaemonFiles files = DaemonFiles.of(Workspace.open(common.workspace));
            Optional<DaemonInfo> info = DaemonInfo.read(files.info()).filter(DaemonInfo::alive);
            Output output = new Output(System.out, common.json);
            long answeredMillis = -1;
            if (info.isPresent()) {
                long start = System.nanoTime();
                Optional<BackendConnection> connection =
                        BackendConnections.openIfRunning(common.workspace, "productos-backend-status");
                if (connection.isPresent()) {
                    try (BackendConnection backend = connection.get()) {
                        answeredMillis = (System.nanoTime() - start) / 1_000_000;
                    }
                }
            }
            if (common.json) {
                ObjectNode node = Json.object()
                        .put("workspace", files.workspace().root().toString())
                        .put("running", info.isPresent());
                info.ifPresent(live -> node.put("pid", live.pid())
                        .put("socket", live.socket())
                        .put("log", live.log())
                        .put("version", live.version())
                        .put("started_at", live.startedAt().toString())
                        .put("idle_timeout_seconds", live.idleTimeoutSeconds()));
                if (answeredMillis >= 0) node.put("answered_millis", answeredMillis);
                output.value(node);
            } else if (info.isEmpty()) {
                output.line("no workspace backend runs for " + files.workspace().root()
                        + "; the next command that needs one starts it");
            } else {
                DaemonInfo live = info.get();
                output.line("workspace backend pid " + live.pid() + " for "
                        + files.workspace().root());
                output.line("  up "
                        + Duration.between(live.startedAt(), Instant.now()).toSeconds() + " s, version "
                        + live.version() + ", stops after " + live.idleTimeoutSeconds() + " s with nothing to do");
                output.line("  socket " + live.socket());
                output.line("  log    " + live.log());
                output.line(
                        answeredMillis >= 0
                                ? "  answers (connected in " + answeredMillis + " ms)"
                                : "  does not answer on its socket; productos backend stop, then run the command again");
            }
            return info.isPresent() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
    }

    @Command(name = "stop", description = "Stop the workspace backend and every service it runs.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--timeout-seconds", defaultValue = "60", description = "How long to wait before killing it.")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            DaemonFiles files = DaemonFiles.of(Workspace.open(common.workspace));
            Output output = new Output(System.out, common.json);
            Optional<ProcessHandle> process = DaemonInfo.read(files.info())
                    .filter(DaemonInfo::alive)
                    .flatMap(info -> ProcessHandle.of(info.pid()));
            if (process.isEmpty()) {
                output.line("no workspace backend runs for " + files.workspace().root());
                return ExitCodes.OK;
            }
            ProcessHandle backend = process.get();
            // Its services stop with it; remember them in case it has to be killed before it could.
            List<ProcessHandle> descendants = backend.descendants().toList();
            backend.destroy();
            boolean clean = true;
            try {
                backend.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                clean = false;
                backend.destroyForcibly();
                backend.onExit().get(10, TimeUnit.SECONDS);
            }
            long leftovers = descendants.stream()
                    .filter(ProcessHandle::isAlive)
                    .peek(ProcessHandle::destroyForcibly)
                    .count();
            output.line((clean ? "stopped" : "killed (it did not stop within " + timeoutSeconds + " s)")
                    + " the workspace backend pid " + backend.pid()
                    + (leftovers > 0 ? "; killed " + leftovers + " process(es) it left behind" : ""));
            return clean ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
    }

    @Command(name = "logs", description = "Print the end of the workspace backend's log.")
    static final class Logs implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--lines", defaultValue = "100", description = "How many lines from the end.")
        int lines;

        @Override
        public Integer call() throws IOException {
            DaemonFiles files = DaemonFiles.of(Workspace.open(common.workspace));
            if (!Files.exists(files.log())) {
                System.out.println("no backend log yet at " + files.log());
                return ExitCodes.OK;
            }
            for (String line : tail(files, Math.max(1, lines))) System.out.println(line);
            return ExitCodes.OK;
        }

        private static Deque<String> tail(DaemonFiles files, int count) throws IOException {
            Deque<String> last = new ArrayDeque<>();
            try (RandomAccessFile file = new RandomAccessFile(files.log().toFile(), "r")) {
                // Read at most the last 4 MiB: enough for any sensible --lines.
                long from = Math.max(0, file.length() - 4L * 1024 * 1024);
                file.seek(from);
                byte[] bytes = new byte[(int) (file.length() - from)];
                file.readFully(bytes);
                String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
                for (int i = from > 0 ? 1 : 0; i < all.length; i++) {
                    last.addLast(all[i]);
                    if (last.size() > count) last.removeFirst();
                }
            }
            return last;
        }
    }

    @Command(
            name = "run",
            description = {
                "Run the workspace backend in the foreground (commands start it in the" + " background by themselves).",
                "Stops on SIGTERM or after the idle timeout with nothing to do."
            })
    static final class Run implements Callable<Integer> {
        @Option(
                names = "--workspace",
                paramLabel = "DIR",
                description = "Folder whose .productos/ holds runs and settings (default: current folder).")
        java.nio.file.Path workspace = java.nio.file.Path.of(".");

        @Option(
                names = "--idle-timeout-seconds",
                description = "Stop after this long with no client, run, service or"
                        + " scheduled post (0: never). Default: $" + IDLE_VARIABLE + ", else " + DEFAULT_IDLE_SECONDS
                        + ".")
        Long idleTimeoutSeconds;

        @Override
        public Integer call() throws IOException {
            long idle = idleTimeoutSeconds != null ? idleTimeoutSeconds : idleFromEnvironment();
            if (idle < 0)
                throw new CliFailure(ExitCodes.USAGE, "--idle-timeout-seconds must be 0 (never) or more, was " + idle);
            String version = Main.class.getPackage().getImplementationVersion();
            return WorkspaceDaemon.run(
                    Workspace.open(workspace),
                    System.getenv(),
                    Duration.ofSeconds(idle),
                    version == null ? "development" : version);
        }

        private static long idleFromEnvironment() {
            String value = System.getenv(IDLE_VARIABLE);
            if (value == null || value.isBlank()) return DEFAULT_IDLE_SECONDS;
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new CliFailure(ExitCodes.USAGE, IDLE_VARIABLE + "='" + value + "' is not a number of seconds");
            }
        }
    }
}
