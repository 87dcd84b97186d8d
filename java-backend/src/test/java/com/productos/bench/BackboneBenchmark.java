package com.productos.bench;

import com.productos.app.Backend;
import com.productos.config.ExecutorEndpoint;
import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import com.productos.testing.JsonRpcWireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The backbone's figures, measured in one run on this machine (medians; the machine is shared):
 * start to initialize over stdio against a bare {@code java -version}, registry/listTools round trips
 * over stdio, the control plane's overhead over a direct executor call, 1,000 concurrent low-risk
 * calls, and the idle resident memory of {@code serve --stdio}.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * cd java-backend && java -cp target/productos.jar:target/test-classes com.productos.bench.BackboneBenchmark
 * </pre>
 */
public final class BackboneBenchmark {
    private static final String PROFILE_PATCH = """
            {"profile_id":"default","patch":{"name":"Acme","voice":{"tone":["plain"],"style_notes":[],"do":[],"dont":[]},
             "audience":{"primary":"founders"},"claims_policy":{}}}""";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/productos.jar").toAbsolutePath();
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " not found; run mvn package first");
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        startToInitialize(jar);
        listToolsRoundTrip(jar);
        idleMemory(jar);
        controlPlaneOverheadAndConcurrency();
    }

    private static Process serve(Path jar, Path workspace) throws Exception {
        return new ProcessBuilder(
                        "java", "-jar", jar.toString(), "serve", "--stdio", "--workspace", workspace.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void startToInitialize(Path jar) throws Exception {
        List<Double> serveMillis = new ArrayList<>();
        List<Double> javaVersionMillis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            Process version = new ProcessBuilder("java", "-version")
                    .redirectErrorStream(true)
                    .start();
            version.getInputStream().readAllBytes();
            version.waitFor();
            javaVersionMillis.add((System.nanoTime() - t0) / 1e6);

            Path workspace = Files.createTempDirectory("pos-bench");
            long t1 = System.nanoTime();
            Process server = serve(jar, workspace);
            try (JsonRpcWireClient client = new JsonRpcWireClient(server.getInputStream(), server.getOutputStream())) {
                JsonNode answer = client.call(
                        "initialize",
                        Json.parse("{\"processId\":" + ProcessHandle.current().pid() + "}"));
                serveMillis.add((System.nanoTime() - t1) / 1e6);
                if (!answer.has("result")) throw new IllegalStateException("initialize failed: " + answer);
                client.call("shutdown", null);
                client.notify("exit", null);
            }
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        double serve = median(serveMillis);
        double bare = median(javaVersionMillis);
        row("start -> initialize response, median of 10", String.format("%.0f ms", serve));
        row("bare java -version, median of 10", String.format("%.0f ms", bare));
        row("ratio start/initialize : java -version", String.format("%.1fx", serve / bare));
    }

    private static void listToolsRoundTrip(Path jar) throws Exception {
        Path workspace = Files.createTempDirectory("pos-bench");
        Process server = serve(jar, workspace);
        try (JsonRpcWireClient client = new JsonRpcWireClient(server.getInputStream(), server.getOutputStream())) {
            client.call("initialize", Json.object());
            for (int i = 0; i < 500; i++) client.call("registry/listTools", Json.object());
            List<Double> micros = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                long t0 = System.nanoTime();
                client.call("registry/listTools", Json.object());
                micros.add((System.nanoTime() - t0) / 1e3);
            }
            row("registry/listTools over stdio, p50 (2,000 calls)", String.format("%.0f us", percentile(micros, 50)));
            row("registry/listTools over stdio, p99", String.format("%.0f us", percentile(micros, 99)));
            client.call("shutdown", null);
            client.notify("exit", null);
        }
        server.waitFor(10, TimeUnit.SECONDS);
        server.destroyForcibly();
    }

    private static void idleMemory(Path jar) throws Exception {
        Path workspace = Files.createTempDirectory("pos-bench");
        Process server = serve(jar, workspace);
        try (JsonRpcWireClient client = new JsonRpcWireClient(server.getInputStream(), server.getOutputStream())) {
            client.call("initialize", Json.object());
            client.call("registry/listTools", Json.object());
            Thread.sleep(3000); // idle on purpose: this is the figure being measured
            String status = Files.readString(Path.of("/proc/" + server.pid() + "/status"));
            String rss = status.lines()
                    .filter(line -> line.startsWith("VmRSS"))
                    .findFirst()
                    .orElse("VmRSS: ?");
            row(
                    "idle resident memory of serve --stdio (3 s after initialize)",
                    rss.replace("VmRSS:", "").trim());
            client.call("shutdown", null);
            client.notify("exit", null);
        }
        server.waitFor(10, TimeUnit.SECONDS);
        server.destroyForcibly();
    }

    private static void controlPlaneOverheadAndConcurrency() throws Exception {
        Path workspace = Files.createTempDirectory("pos-bench");
        try (Backend backend = Backend.open(workspace, Map.of())) {
            ControlPlane plane = backend.controlPlane();
            Run seeded = plane.settle(plane.start(CallRequest.byUser("brand.update_profile", Json.parse(PROFILE_PATCH)))
                            .id())
                    .get(30, TimeUnit.SECONDS);
            if (seeded.status() != RunStatus.SUCCEEDED)
                throw new IllegalStateException("seed failed: " + seeded.error());
            JsonNode input = Json.parse("{\"profile_id\":\"default\"}");
            ExecutorEndpoint endpoint = backend.executorEndpoint("brand");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest direct = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/execute/brand/get_profile"))
                    .header("Authorization", "Bearer " + endpoint.bearerToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(input)))
                    .build();
            List<Double> directMicros = new ArrayList<>();
            List<Double> controlMicros = new ArrayList<>();
            for (int round = 0; round < 2; round++) { // round 0 warms up
                directMicros.clear();
                controlMicros.clear();
                for (int i = 0; i < 500; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(direct, HttpResponse.BodyHandlers.ofString());
                    directMicros.add((System.nanoTime() - t0) / 1e3);
                    if (answer.statusCode() != 200)
                        throw new IllegalStateException("direct call failed: " + answer.body());
                    long t1 = System.nanoTime();
                    Run run = plane.settle(plane.start(CallRequest.byUser("brand.get_profile", input))
                                    .id())
                            .get(30, TimeUnit.SECONDS);
                    controlMicros.add((System.nanoTime() - t1) / 1e3);
                    if (run.status() != RunStatus.SUCCEEDED)
                        throw new IllegalStateException("call failed: " + run.error());
                }
            }
            double directP50 = percentile(directMicros, 50);
            double controlP50 = percentile(controlMicros, 50);
            row("brand.get_profile direct HTTP to the executor, p50", String.format("%.2f ms", directP50 / 1000));
            row("brand.get_profile through the control plane, p50", String.format("%.2f ms", controlP50 / 1000));
            row("control-plane overhead, p50", String.format("%.2f ms", (controlP50 - directP50) / 1000));

            int calls = 1000;
            long t0 = System.nanoTime();
            List<CompletableFuture<Run>> settled = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                settled.add(plane.settle(plane.start(CallRequest.byUser("brand.get_profile", input))
                        .id()));
            }
            CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long succeeded = settled.stream()
                    .map(CompletableFuture::join)
                    .filter(run -> run.status() == RunStatus.SUCCEEDED)
                    .count();
            row("1,000 concurrent low-risk calls: succeeded", succeeded + " of " + calls);
            row(
                    "1,000 concurrent low-risk calls: throughput",
                    String.format("%.0f calls/s (%.2f s)", calls / seconds, seconds));
        }
    }

    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
