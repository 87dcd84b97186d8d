package com.productos.bench;

import com.productos.app.EmbeddedExecutors;
import com.productos.brand.BrandExecutorModule;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP hop to an embedded executor costs: brand.get_profile called (a) directly on its
 * handler in-process and (b) through ExecutorHttpClient -> ExecutorServer over loopback, same SQLite
 * store, sequential calls, after a warm-up. Prints median and p99 of each and the difference.
 *
 * <p>Run from java-backend/:
 * {@code mvn -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.mainClass=com.productos.bench.ExecutorHopBenchmark -Dexec.classpathScope=test}
 * (optional arguments: warm-up calls, measured calls; default 3000 10000).
 */
public final class ExecutorHopBenchmark {
    private ExecutorHopBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        PrintStream out = System.out; // a harness of its own: its table is its output
        Path dir = Files.createTempDirectory("productos-hop-bench");
        ToolRegistry registry = new RegistryLoader().loadBundled();
        ToolDefinition getProfile = registry.find("brand.get_profile").orElseThrow();
        ToolDefinition updateProfile = registry.find("brand.update_profile").orElseThrow();
        ProductOsConfig config = ProductOsConfig.empty();
        ExecutorEnvironment environment =
                new ExecutorEnvironment(Workspace.open(dir), registry, config, Clock.systemUTC());
        JsonNode profile = Json.parse(Files.readString(Path.of("../test-fixtures/brand/complete-profile.json")));
        JsonNode input = Json.object().put("profile_id", "default");

        try (ExecutorModule module = BrandExecutorModule.factory().create(environment);
                EmbeddedExecutors executors = EmbeddedExecutors.start(environment);
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), config)) {
            client.invoke(
                            updateProfile,
                            run(
                                    updateProfile.name(),
                                    Json.object().put("profile_id", "default").set("patch", profile)))
                    .get(30, TimeUnit.SECONDS);
            ExecutorHandler direct = module.routes().get(getProfile.executor().path());

            long[] directNanos = measure(
                    warmup,
                    measured,
                    () -> direct.handle(new ExecutorRequest(
                            getProfile.executor().path(), input, "bench", null, "user", new ExecutorLog())));
            Run run = run(getProfile.name(), input);
            long[] hopNanos = measure(
                    warmup, measured, () -> client.invoke(getProfile, run).get(30, TimeUnit.SECONDS));

            out.printf("brand.get_profile, %d calls each after %d warm-up calls, sequential%n", measured, warmup);
            out.printf("%-44s %10s %10s%n", "path", "p50 (us)", "p99 (us)");
            out.printf(
                    "%-44s %10.1f %10.1f%n",
                    "(a) handler in-process", micros(directNanos, 0.50), micros(directNanos, 0.99));
            out.printf(
                    "%-44s %10.1f %10.1f%n",
                    "(b) ExecutorHttpClient -> ExecutorServer", micros(hopNanos, 0.50), micros(hopNanos, 0.99));
            out.printf(
                    "%-44s %10.1f %10.1f%n",
                    "HTTP hop cost (b - a)",
                    micros(hopNanos, 0.50) - micros(directNanos, 0.50),
                    micros(hopNanos, 0.99) - micros(directNanos, 0.99));
        }
    }

    private static Run run(String tool, JsonNode input) {
        Instant now = Instant.now();
        return Run.queued("bench-run", tool, "user", input, Json.canonicalHash(input), null, null, now)
                .withStatus(RunStatus.RUNNING, now);
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static long[] measure(int warmup, int measured, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) call.call();
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long started = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double micros(long[] sorted, double quantile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return sorted[index] / 1000.0;
    }
}
