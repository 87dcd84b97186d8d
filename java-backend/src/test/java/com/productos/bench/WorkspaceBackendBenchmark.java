package com.productos.bench;

import com.productos.testing.JsonRpcWireClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Wall time of CLI commands and of {@code serve --stdio} start, from the packaged jar, with and without
 * the workspace backend process: {@code tools list} and a low-risk {@code call} (brand.get_profile)
 * against a running backend and in-process ({@code --no-daemon}, today's start); the first command,
 * which starts the backend; and {@code serve --stdio} start to the {@code initialize} response, in
 * process and as a relay to a running backend, each with and without the application class-data
 * archive built at package time ({@code target/productos.jsa}). Medians of {@code RUNS} runs after one
 * warm-up. Every backend it starts it stops.
 *
 * <p>Run it from java-backend after {@code mvn -B -q package -DskipTests}:
 * <pre>
 * java -cp target/productos.jar:target/test-classes com.productos.bench.WorkspaceBackendBenchmark [RUNS]
 * </pre>
 */
public final class WorkspaceBackendBenchmark {
    private static final Path JAR = realPath(Path.of("target/productos.jar"));
    private static final Path ARCHIVE = JAR.resolveSibling("productos.jsa");

    private WorkspaceBackendBenchmark() {}

    /** As bin/productos names it (pwd -P), which is the class path the archive was made with. */
    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (java.io.IOException missing) {
            return file.toAbsolutePath();
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        if (!Files.isRegularFile(JAR))
            throw new IllegalStateException(JAR + " is missing: mvn -B -q package -DskipTests first");
        boolean archived = Files.isRegularFile(ARCHIVE);
        Path workspace = Files.createTempDirectory("productos-bench-ws");
        Path profile = workspace.resolve("profile.json");
        Files.writeString(
                profile,
                "{\"profile_id\":\"default\",\"patch\":" + Files.readString(fixture("brand/complete-profile.json"))
                        + "}");
        List<String> getProfile = List.of("call", "brand.get_profile", "--input", "{\"profile_id\":\"default\"}");
        // Interrupted (Ctrl-C) or not, the backend it started is stopped.
        Thread stopOnExit = new Thread(() -> {
            try {
                stopBackend(workspace);
            } catch (Exception e) {
                System.err.println("could not stop the backend of " + workspace + ": " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            run(workspace, false, "call", "brand.update_profile", "--input", "@" + profile, "--no-daemon");
            double javaVersion =
                    BenchTiming.medianMillis(runs, () -> exec(List.of("java", "-Xshare:auto", "-version"), workspace));
            print("java -version", javaVersion, javaVersion);
            Path aside = ARCHIVE.resolveSibling("productos.jsa.aside");
            if (archived) Files.move(ARCHIVE, aside);
            try {
                // Without the archive anywhere: the backend the commands start does not find one either.
                measure(workspace, runs, false, getProfile, javaVersion);
            } finally {
                stopBackend(workspace);
                if (archived) Files.move(aside, ARCHIVE);
            }
            if (archived) {
                measure(workspace, runs, true, getProfile, javaVersion);
            } else {
                System.out.println("(no " + ARCHIVE + ": the AppCDS figures need mvn package to have built it)");
            }
        } finally {
            stopBackend(workspace);
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            try (Stream<Path> files = Files.walk(workspace)) {
                files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Every figure once, with the archive for the command (and the backend it starts) or without. */
    private static void measure(Path workspace, int runs, boolean cds, List<String> getProfile, double javaVersion)
            throws Exception {
        String suffix = cds ? ", AppCDS" : ", no archive";
        stopBackend(workspace);
        print(
                "tools list, in process (--no-daemon)" + suffix,
                BenchTiming.medianMillis(runs, () -> run(workspace, cds, "tools", "list", "--no-daemon")),
                javaVersion);
        print(
                "call brand.get_profile, in process (--no-daemon)" + suffix,
                BenchTiming.medianMillis(runs, () -> run(workspace, cds, with(getProfile, "--no-daemon"))),
                javaVersion);
        print(
                "serve --stdio to initialize, in process (--no-daemon)" + suffix,
                medianOfMeasured(runs, () -> initializeMillis(workspace, cds, true)),
                javaVersion);
        print(
                "first command, starts the backend (runs list)" + suffix,
                BenchTiming.medianMillis(runs, () -> {
                    stopBackend(workspace);
                    return run(workspace, cds, "runs", "list", "--limit", "1");
                }),
                javaVersion);
        print(
                "tools list, running backend" + suffix,
                BenchTiming.medianMillis(runs, () -> run(workspace, cds, "tools", "list")),
                javaVersion);
        print(
                "call brand.get_profile, running backend" + suffix,
                BenchTiming.medianMillis(runs, () -> run(workspace, cds, getProfile.toArray(String[]::new))),
                javaVersion);
        print(
                "serve --stdio to initialize, relay to running backend" + suffix,
                medianOfMeasured(runs, () -> initializeMillis(workspace, cds, false)),
                javaVersion);
    }

    private static void print(String what, double millis, double javaVersion) {
        System.out.println(String.format(
                Locale.ROOT, "%-62s %8.1f ms  (%4.1fx java -version)", what, millis, millis / javaVersion));
    }

    private static List<String> java(boolean cds) {
        List<String> command = new ArrayList<>(List.of("java"));
        if (cds)
            command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:SharedArchiveFile=" + ARCHIVE));
        command.addAll(List.of("-Xshare:auto", "-cp", JAR.toString(), "com.productos.cli.Main"));
        return command;
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    /** One CLI command to its exit; fails the benchmark if it fails. */
    private static Integer run(Path workspace, boolean cds, String... args) throws Exception {
        List<String> command = java(cds);
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--workspace", workspace.toString()));
        return exec(command, workspace);
    }

    private static Integer exec(List<String> command, Path workspace) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workspace.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("PRODUCTOS_NO_DAEMON");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return process.exitValue();
    }

    /** Median of what {@code measure} returns, after one warm-up call (for spans that are not a whole call). */
    private static double medianOfMeasured(int runs, Callable<Double> measure) throws Exception {
        measure.call();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) values.add(measure.call());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    /** serve --stdio from process start to the initialize response; then exit, and wait for it to end. */
    private static double initializeMillis(Path workspace, boolean cds, boolean inProcess) throws Exception {
        List<String> command = java(cds);
        command.addAll(List.of("serve", "--stdio", "--workspace", workspace.toString()));
        if (inProcess) command.add("--no-daemon");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("PRODUCTOS_NO_DAEMON");
        long started = System.nanoTime();
        Process serve = builder.start();
        try (JsonRpcWireClient client = new JsonRpcWireClient(serve.getInputStream(), serve.getOutputStream())) {
            client.call(
                    "initialize",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("processId", ProcessHandle.current().pid()));
            double millis = (System.nanoTime() - started) / 1e6;
            client.call("shutdown", null);
            client.notify("exit", null);
            serve.waitFor(30, TimeUnit.SECONDS);
            return millis;
        } finally {
            serve.destroyForcibly();
        }
    }

    private static Integer stopBackend(Path workspace) throws Exception {
        return run(workspace, false, "backend", "stop");
    }

    private static Path fixture(String name) {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("test-fixtures").resolve(name);
            if (Files.exists(candidate)) return candidate;
        }
        throw new IllegalStateException("test-fixtures/" + name + " not found");
    }
}
