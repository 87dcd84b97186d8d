package com.productos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.testing.JsonRpcWireClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets in play reach neither the run store, nor backend.log, nor the RPC output, even when a
 * provider echoes its key in free text (a 400 detail, a 5xx message) and a build prints a token it
 * was given: {@code serve --stdio} from the real jar, a loopback Missinglettr that echoes the key,
 * and a local deploy whose build echoes a pass_env secret.
 */
class SecretRedactionIT {
    private static final String API_KEY = "ml_live_" + randomHex();
    private static final String SERVICE_TOKEN = "svc_" + randomHex();

    @TempDir
    Path temp;

    private Path workspace;
    private HttpServer provider;
    private final Set<String> authorizationsSeen = ConcurrentHashMap.newKeySet();

    private static String randomHex() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Refuses a campaign with a 400 naming the key; a campaign named "outage" gets 503s naming it. */
    @BeforeEach
    void startEchoingProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/v1/", this::echoKey);
        provider.start();
    }

    private void echoKey(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            authorizationsSeen.add(authorization);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean outage = body.contains("outage") || "GET".equals(exchange.getRequestMethod());
            int status = outage ? 503 : 400;
            String detail = outage
                    ? "gateway overloaded while checking " + authorization + ", retry later"
                    : "the key " + API_KEY + " has no access to workspace ws_1";
            byte[] answer = Json.write(Json.object().put("detail", detail)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    @Test
    void secretsShouldNeverReachTheStoreTheLogOrTheRpcOutput() throws Exception {
        workspace = Files.createDirectories(temp.resolve("workspace"));
        Files.writeString(workspace.resolve("missinglettr.key"), API_KEY + "\n");
        Files.createDirectories(workspace.resolve(".productos"));
        Files.writeString(workspace.resolve(".productos/config.yaml"), """
                marketing:
                  publisher: missinglettr
                  missinglettr:
                    base_url: http://127.0.0.1:%d/v1
                    workspace_id: ws_1
                    api_key_file: missinglettr.key
                    max_attempts: 2
                    initial_backoff_millis: 1
                    max_backoff_millis: 5
                    timeout_seconds: 5
                """.formatted(
                        provider.getAddress().getPort()));
        Path repo = serviceThatPrintsItsToken();

        ProcessBuilder builder = new ProcessBuilder(
                        JarProcesses.command("serve", "--stdio", "--workspace", workspace.toString()))
                .redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().put("SERVICE_TOKEN", SERVICE_TOKEN);
        // This process is the backend, so the files and logs checked below are its own and nothing outlives the test.
        builder.environment().put("PRODUCTOS_NO_DAEMON", "1");
        Process server = builder.start();
        ByteArrayOutputStream rpcOutput = new ByteArrayOutputStream();
        try (JsonRpcWireClient client =
                new JsonRpcWireClient(new Copying(server.getInputStream(), rpcOutput), server.getOutputStream())) {
            client.call(
                    "initialize",
                    Json.parse("{\"processId\":" + ProcessHandle.current().pid() + "}"));

            JsonNode deploy = start(
                    client,
                    "cloudrun.deploy_service",
                    Json.object()
                            .put("service_name", "web")
                            .put("repo", repo.toString())
                            .put("ref", "main")
                            .put("env", "dev")
                            .put("region", "local"));
            JsonNode deployed = awaitEnd(client, deploy.path("id").asString());
            assertEquals("failed", deployed.path("status").asString(), deployed.toString());
            assertTrue(
                    Json.write(deployed).contains("using token [redacted]"),
                    "the build printed the token: " + deployed);

            JsonNode refused = publish(client, "launch");
            assertTrue(Json.write(refused).contains("has no access"), "the provider's 400 reached the run: " + refused);
            JsonNode outage = publish(client, "outage");
            assertTrue(
                    Json.write(outage).contains("gateway overloaded"), "the provider's 503 reached the run: " + outage);

            for (JsonNode run : List.of(deployed, refused, outage)) {
                JsonNode stored = client.call(
                        "runs/get", Json.object().put("runId", run.path("id").asString()));
                assertFalse(Json.write(stored).contains(API_KEY), stored.toString());
                assertFalse(Json.write(stored).contains(SERVICE_TOKEN), stored.toString());
            }
            client.call("shutdown", null);
            client.notify("exit", null);
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "serve did not exit");
        } finally {
            server.destroyForcibly();
        }
        assertTrue(authorizationsSeen.contains("Api-Key " + API_KEY), "the key was in play: " + authorizationsSeen);
        String rpc = rpcOutput.toString(StandardCharsets.UTF_8);
        assertTrue(rpc.contains("[redacted]"), "the RPC output carried the redacted answers");
        assertFalse(rpc.contains(API_KEY), "the API key reached the RPC output");
        assertFalse(rpc.contains(SERVICE_TOKEN), "the service token reached the RPC output");
        Path backendLog = workspace.resolve(".productos/logs/backend.log");
        assertTrue(Files.readString(backendLog).contains("Missinglettr"), "the provider's failures were logged");
        List<Path> written;
        try (Stream<Path> files = Files.walk(workspace.resolve(".productos"))) {
            written = files.filter(Files::isRegularFile).toList();
        }
        for (Path file : concat(written, temp.resolve("stderr.txt"))) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(API_KEY), "the API key reached " + file);
            assertFalse(content.contains(SERVICE_TOKEN), "the service token reached " + file);
        }
    }

    private static List<Path> concat(List<Path> files, Path more) {
        return Stream.concat(files.stream(), Stream.of(more)).toList();
    }

    /** A git repository whose build prints the token it is passed, then fails. */
    private Path serviceThatPrintsItsToken() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("service"));
        Files.writeString(repo.resolve("productos.service.yaml"), """
                build: echo "using token $SERVICE_TOKEN"; exit 3
                run: "true"
                pass_env: [SERVICE_TOKEN]
                """);
        git(repo, "init", "--quiet", "--initial-branch=main");
        git(repo, "add", "-A");
        git(
                repo,
                "-c",
                "user.name=Product OS",
                "-c",
                "user.email=tests@productos.invalid",
                "commit",
                "--quiet",
                "-m",
                "service");
        return repo;
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "git " + args[0] + ": " + output);
    }

    private static JsonNode publish(JsonRpcWireClient client, String name) throws Exception {
        JsonNode input = Json.parse("{\"campaign\": {\"name\": \"" + name + "\", \"posts\": [{\"channel\": \"x\","
                + " \"text\": \"We launched.\"}]}, \"schedule\": {\"mode\": \"now\"}}");
        JsonNode run = start(client, "marketing.publish_missinglettr", input);
        assertEquals("awaiting_approval", run.path("status").asString(), run.toString());
        JsonNode decided = client.call(
                "approvals/decide",
                Json.object()
                        .put("approvalId", run.path("approvalId").asString())
                        .put("decision", "approve"));
        assertTrue(decided.has("result"), decided.toString());
        return awaitEnd(client, run.path("id").asString());
    }

    private static JsonNode start(JsonRpcWireClient client, String tool, JsonNode input) throws Exception {
        ObjectNode params = Json.object().put("tool", tool);
        params.set("input", input);
        JsonNode started = client.call("runs/start", params);
        assertTrue(started.has("result"), started.toString());
        return started.get("result");
    }

    /** Polls runs/get (bounded) until the run has ended. */
    private static JsonNode awaitEnd(JsonRpcWireClient client, String runId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode run =
                    client.call("runs/get", Json.object().put("runId", runId)).path("result");
            String status = run.path("status").asString();
            if (status.equals("succeeded") || status.equals("failed")) return run;
            client.nextNotification(200); // wait for the next update rather than spin
        }
        throw new AssertionError("run " + runId + " did not end within 60 s");
    }

    /** Keeps a copy of every byte the server wrote on stdout. */
    private static final class Copying extends FilterInputStream {
        private final ByteArrayOutputStream copy;

        Copying(InputStream in, ByteArrayOutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0)
                synchronized (copy) {
                    copy.write(b);
                }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0)
                synchronized (copy) {
                    copy.write(buffer, offset, n);
                }
            return n;
        }
    }
}
