package com.productos.daemon;

import com.productos.config.PrivateState;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the workspace's backend, or starts it: detached from the terminal (its own session and process
 * group through {@code setsid}, stdin from /dev/null, stdout and stderr appended to its log), so it
 * outlives the command that started it. Commands racing to start one take {@code backend-start.lock}
 * in turn: the first starts it, the others find it.
 */
public final class DaemonLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonLauncher.class);
    /** File locks are per process; this keeps two threads of one JVM from colliding on the lock file. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path SHELL = Path.of("/bin/sh");
    /** The application class-data archive built at package time, next to the jar (see the README). */
    static final String CDS_ARCHIVE_NAME = "productos.jsa";

    private DaemonLauncher() {}

    /** A channel to the backend already serving the workspace, if one is. */
    public static Optional<SocketChannel> connectIfRunning(DaemonFiles files) {
        if (!Files.exists(files.socket())) return Optional.empty();
        try {
            return Optional.of(LocalChannel.connect(files.socket()));
        } catch (IOException noneListening) {
            return Optional.empty();
        }
    }

    /** A channel to the workspace's backend, started first when none serves it. */
    public static SocketChannel connectOrStart(DaemonFiles files) {
        Optional<SocketChannel> running = connectIfRunning(files);
        if (running.isPresent()) return running.get();
        IN_PROCESS.lock();
        try {
            files.prepare();
            try (FileChannel lockFile =
                            FileChannel.open(files.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                running = connectIfRunning(files);
                if (running.isPresent()) return running.get();
                return start(files);
            }
        } catch (IOException e) {
            throw new BackendGone("cannot start the workspace backend in " + files.runDir() + ": " + e.getMessage());
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private static SocketChannel start(DaemonFiles files) throws IOException {
        if (!Files.exists(files.log())) Files.createFile(files.log(), PrivateState.ownerOnlyFile());
        long logOffset = Files.size(files.log());
        List<String> command = command(files);
        LOG.debug("starting the workspace backend: {}", command);
        Process process = new ProcessBuilder(command)
                .directory(files.workspace().root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SocketChannel> ready = connectIfRunning(files);
            if (ready.isPresent()) return ready.get();
            if (!process.isAlive() && process.exitValue() != 0) {
                String why = startFailure(files.log(), logOffset, process.exitValue());
                // Exit 2 is the backend saying why it cannot start; anything else is a crash.
                if (process.exitValue() == WorkspaceDaemon.CANNOT_START) throw new BackendCannotStart(why);
                throw new BackendGone(why);
            }
            try {
                // Polls the socket while the new JVM comes up (typically well under a second).
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendGone("interrupted while the workspace backend was starting");
            }
        }
        throw new BackendGone("the workspace backend did not start listening within " + START_TIMEOUT.toSeconds()
                + " s; see " + files.log() + " (productos backend logs)");
    }

    /**
     * {@code setsid sh -c 'umask 077; exec "$0" "$@"' java [-XX:SharedArchiveFile=...] -cp CLASSPATH
     * com.productos.cli.Main backend run --workspace DIR}. The umask makes every file the backend creates
     * (databases and their side files, logs, run records) owner-only from its first byte.
     */
    static List<String> command(DaemonFiles files) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) command.add(SETSID.toString());
        if (Files.isExecutable(SHELL))
            command.addAll(List.of(SHELL.toString(), "-c", "umask 077 && exec \"$0\" \"$@\""));
        command.add(javaExecutable());
        // Absolute: the backend starts in the workspace folder, not where this command was started.
        String classPath = absoluteClassPath(System.getProperty("java.class.path"));
        cdsArchive(classPath).ifPresent(archive -> {
            // A stale archive is only ignored (-Xshare:auto); the JVM's warning about it goes to stderr, never stdout.
            command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:SharedArchiveFile=" + archive));
        });
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(classPath);
        command.add("com.productos.cli.Main");
        command.addAll(List.of(
                "backend", "run", "--workspace", files.workspace().root().toString()));
        return command;
    }

    static String absoluteClassPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The archive beside the jar when this process runs from the packaged jar and the archive was built. */
    static Optional<Path> cdsArchive(String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar"))
            return Optional.empty();
        Path archive = Path.of(classPath).toAbsolutePath().resolveSibling(CDS_ARCHIVE_NAME);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The line the backend wrote about why it could not start, from its part of the log. */
    private static String startFailure(Path log, long offset, int exitCode) {
        String said = null;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 256 * 1024)];
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("productos: ")) said = line.substring("productos: ".length());
            }
        } catch (IOException ignored) {
            // Then only the exit code is known.
        }
        return said != null
                ? said
                : "the workspace backend exited with code " + exitCode + " before it listened; see " + log
                        + " (productos backend logs)";
    }
}
