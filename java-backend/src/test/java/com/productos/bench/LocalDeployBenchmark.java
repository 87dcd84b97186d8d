package com.productos.bench;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.deploy.DeployModule;
import com.productos.deploy.SampleServiceRepo;
import com.productos.executors.ExecutorEnvironment;
import com.productos.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Local deploy of the sample service: time from the deploy call to ready (traffic on the new
 * revision), time of a rollback, and requests served through the stable URL while new revisions are
 * deployed (goal: zero failures).
 *
 * <p>Run from java-backend/:
 * {@code mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt && java -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) com.productos.bench.LocalDeployBenchmark 10}
 */
public final class LocalDeployBenchmark {
    private static final int CLIENTS = 4;

    private LocalDeployBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path temp = Files.createTempDirectory("productos-deploy-bench");
        Workspace workspace = Workspace.open(Files.createDirectories(temp.resolve("workspace")));
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Long> deployMillis = new ArrayList<>();
        List<Long> rollbackMillis = new ArrayList<>();
        int served = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        try (DeployModule deploy = DeployModule.create(
                new ExecutorEnvironment(workspace, Calls.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC()))) {
            String url = deploy(deploy, repo, 0).path("service_url").asString();
            for (int round = 1; round <= rounds; round++) {
                repo.commit("round " + round, Map.of("VERSION", round + "\n"));
                // A bounded request loop against the stable URL for the whole deploy and rollback.
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger ok = new AtomicInteger();
                List<String> errors = Collections.synchronizedList(new ArrayList<>());
                List<Thread> load = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    Thread thread = new Thread(() -> {
                        for (int i = 0; i < 100_000 && running.get(); i++) {
                            try {
                                HttpResponse<Void> response = http.send(
                                        HttpRequest.newBuilder(URI.create(url + "/healthz"))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding());
                                if (response.statusCode() == 200) ok.incrementAndGet();
                                else errors.add("HTTP " + response.statusCode());
                            } catch (Exception e) {
                                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                    });
                    thread.start();
                    load.add(thread);
                }
                long start = System.nanoTime();
                deploy(deploy, repo, round);
                deployMillis.add((System.nanoTime() - start) / 1_000_000);
                start = System.nanoTime();
                Calls.call(
                        deploy,
                        "cloudrun.rollback_service",
                        Json.object()
                                .put("service_name", "web")
                                .put("region", "local")
                                .put("env", "dev"),
                        "bench-rollback-" + round);
                rollbackMillis.add((System.nanoTime() - start) / 1_000_000);
                running.set(false);
                for (Thread thread : load) thread.join();
                served += ok.get();
                failed += errors.size();
                failures.addAll(errors);
            }
        }
        deleteTree(temp);
        System.out.printf(
                "local deploy of the sample service, %d rounds (medians), %d clients looping on the stable URL%n",
                rounds, CLIENTS);
        System.out.printf("%-42s %8s%n", "measure", "value");
        System.out.printf(
                "%-42s %6d ms  (all: %s)%n",
                "deploy, call to ready (incl. stop of old)", median(deployMillis), deployMillis);
        System.out.printf(
                "%-42s %6d ms  (all: %s)%n", "rollback, call to ready", median(rollbackMillis), rollbackMillis);
        System.out.printf("%-42s %8d%n", "requests served during deploys+rollbacks", served);
        System.out.printf(
                "%-42s %8d %s%n",
                "requests failed", failed, failures.isEmpty() ? "" : failures.subList(0, Math.min(5, failures.size())));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    private static JsonNode deploy(DeployModule deploy, SampleServiceRepo repo, int round) throws Exception {
        return Calls.call(
                deploy,
                "cloudrun.deploy_service",
                Json.object()
                        .put("service_name", "web")
                        .put("repo", repo.dir().toString())
                        .put("ref", "main")
                        .put("env", "dev")
                        .put("region", "local"),
                "bench-deploy-" + round);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
