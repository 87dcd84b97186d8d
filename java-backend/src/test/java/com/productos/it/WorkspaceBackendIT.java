package com.productos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.deploy.SampleServiceRepo;
import com.productos.json.Json;
import com.productos.testing.JsonRpcWireClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workspace backend as a user meets it, from the packaged jar: commands that start it and leave,
 * services it keeps serving, an editor session beside the CLI, and kill -9 in the middle of a deploy or
 * an import. Every test stops the backend and everything it ran (see {@link WorkspaceBackendProcesses}).
 */
class WorkspaceBackendIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @TempDir
    Path root;

    private Path workspace;
    private WorkspaceBackendProcesses backend;

    @BeforeEach
    void openWorkspace() throws IOException {
        workspace = Files.createDirectories(root.resolve("ws"));
        backend = new WorkspaceBackendProcesses(workspace, 3600);
    }

    @AfterEach
    void stopEverything() throws Exception {
        List<ProcessHandle> left = backend.stopAll();
        assertEquals(
                List.of(),
                left.stream()
                        .map(process -> process.pid() + " "
                                + process.info().commandLine().orElse("?"))
                        .toList(),
                "processes left behind after backend stop");
    }

    @Test
    void deployedServiceShouldKeepServingAfterTheDeployingCommandUntilTheBackendStops() throws Exception {
        SampleServiceRepo repo = SampleServiceRepo.create(root.resolve("repo"));
        JsonNode first =
                succeeded(backend.productos("call", "cloudrun.deploy_service", "--json", "--input", deployInput(repo)));
        String url = first.path("output").path("service_url").asString();
        assertEquals("web-00001", first.path("output").path("revision").asString());

        // The command that deployed has exited; the service is the backend's, which is not this test's child.
        ProcessHandle daemon = backend.requireBackend();
        assertFalse(ProcessHandle.current().descendants().anyMatch(process -> process.pid() == daemon.pid()));
        assertEquals(200, get(url).statusCode());
        assertEquals("web-00001", get(url).headers().firstValue("x-revision").orElse(""));

        JsonNode status = succeeded(backend.productos(
                "call",
                "cloudrun.get_service_status",
                "--json",
                "--input",
                "{\"service_name\":\"web\",\"region\":\"local\"}"));
        assertEquals("ready", status.path("output").path("status").asString(), status.toString());
        assertEquals(
                "web-00001", status.path("output").path("latest_ready_revision").asString());

        repo.commit("second revision", Map.of("CHANGES.md", "second\n"));
        assertEquals(
                "web-00002",
                succeeded(backend.productos("call", "cloudrun.deploy_service", "--json", "--input", deployInput(repo)))
                        .path("output")
                        .path("revision")
                        .asString());
        assertEquals("web-00002", get(url).headers().firstValue("x-revision").orElse(""));

        JsonNode rollback = succeeded(backend.productos(
                "call",
                "cloudrun.rollback_service",
                "--json",
                "--input",
                "{\"service_name\":\"web\",\"region\":\"local\",\"env\":\"dev\"}"));
        assertEquals("web-00001", rollback.path("output").path("revision").asString(), rollback.toString());
        assertEquals("web-00001", get(url).headers().firstValue("x-revision").orElse(""));
        assertEquals(daemon.pid(), backend.requireBackend().pid(), "one backend served every command");

        List<ProcessHandle> itRuns = backend.remember();
        assertTrue(
                itRuns.stream()
                        .anyMatch(process -> process.info().command().orElse("").endsWith("node")),
                "the service runs under the backend: " + describe(itRuns));

        JarProcesses.Result stop = backend.productos("backend", "stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertFalse(daemon.isAlive());
        assertTrue(
                WorkspaceBackendProcesses.eventually(
                        Duration.ofSeconds(10), () -> itRuns.stream().noneMatch(ProcessHandle::isAlive)),
                "left behind: "
                        + describe(
                                itRuns.stream().filter(ProcessHandle::isAlive).toList()));
        assertRefused(url);
        assertEquals(1, backend.productos("backend", "status").exitCode());
        assertFalse(Files.exists(backend.infoFile()));
    }

    @Test
    void twoCommandsAndAnEditorSessionAtOnceShouldShareOneBackendAndLoseNoRun() throws Exception {
        String patch = Files.readString(CliIT.fixture("brand/complete-profile.json"));
        List<Process> commands = new ArrayList<>();
        Process editor = backend.start("serve", "--stdio");
        for (String profile : List.of("cli-a", "cli-b")) {
            Path input = root.resolve(profile + ".json");
            Files.writeString(input, "{\"profile_id\":\"" + profile + "\",\"patch\":" + patch + "}");
            commands.add(backend.start("call", "brand.update_profile", "--json", "--input", "@" + input));
        }
        try (JsonRpcWireClient client = new JsonRpcWireClient(editor.getInputStream(), editor.getOutputStream())) {
            JsonNode init = client.call(
                    "initialize",
                    Json.parse("{\"processId\":" + ProcessHandle.current().pid() + "}"));
            assertTrue(init.has("result"), init.toString());
            ObjectNode start = Json.object().put("tool", "brand.update_profile");
            start.putObject("input").put("profile_id", "editor").set("patch", Json.parse(patch));
            String runId =
                    client.call("runs/start", start).path("result").path("id").asString();
            awaitRunStatus(client, runId, "succeeded");

            for (Process command : commands) {
                assertTrue(command.waitFor(120, TimeUnit.SECONDS), "a command did not finish");
                String out = new String(command.getInputStream().readAllBytes());
                assertEquals(
                        0,
                        command.exitValue(),
                        out + new String(command.getErrorStream().readAllBytes()));
                assertEquals("succeeded", Json.parse(out).path("status").asString(), out);
            }
            client.call("shutdown", null);
            client.notify("exit", null);
            assertTrue(editor.waitFor(20, TimeUnit.SECONDS), "serve --stdio did not exit after exit");
            assertEquals(0, editor.exitValue());
            assertEquals(List.of(), client.protocolViolations());
        } finally {
            editor.destroyForcibly();
            commands.forEach(Process::destroyForcibly);
        }

        JsonNode runs =
                Json.parse(backend.productos("runs", "list", "--json").stdout()).path("runs");
        assertEquals(3, runs.size(), runs.toString());
        runs.forEach(run -> assertEquals("succeeded", run.path("status").asString(), run.toString()));
        for (String profile : List.of("cli-a", "cli-b", "editor")) {
            succeeded(backend.productos(
                    "call", "brand.get_profile", "--json", "--input", "{\"profile_id\":\"" + profile + "\"}"));
        }
        String log = backend.logText();
        assertEquals(1, log.split("serving " + workspace, -1).length - 1, "exactly one backend started:\n" + log);
    }

    @Test
    void killingTheBackendMidDeployShouldInterruptTheRunAndRestoreTheServingRevision() throws Exception {
        SampleServiceRepo repo = SampleServiceRepo.create(root.resolve("repo"));
        String url = succeeded(
                        backend.productos("call", "cloudrun.deploy_service", "--json", "--input", deployInput(repo)))
                .path("output")
                .path("service_url")
                .asString();
        // The next revision's build waits on a marker process, so the deploy is surely in flight when killed.
        repo.commit(
                "slow build",
                Map.of(
                        "productos.service.yaml",
                        Files.readString(repo.dir().resolve("productos.service.yaml"))
                                .replace("build: ", "build: sleep 300 && ")));
        Process deploying = backend.start("call", "cloudrun.deploy_service", "--json", "--input", deployInput(repo));
        List<ProcessHandle> build = new ArrayList<>();
        try {
            ProcessHandle daemon = backend.requireBackend();
            assertTrue(
                    WorkspaceBackendProcesses.eventually(
                            Duration.ofSeconds(60),
                            () -> daemon.descendants()
                                    .anyMatch(process ->
                                            process.info().command().orElse("").endsWith("sleep"))),
                    "the build never started");
            build.addAll(daemon.descendants()
                    .filter(process -> !process.info().command().orElse("").endsWith("node"))
                    .toList());
            backend.remember();
            daemon.destroyForcibly();
            daemon.onExit().get(10, TimeUnit.SECONDS);

            assertTrue(deploying.waitFor(30, TimeUnit.SECONDS), "the deploying command hung on a dead backend");
            assertEquals(1, deploying.exitValue());
            String said = new String(deploying.getErrorStream().readAllBytes());
            assertTrue(said.contains("closed the connection"), said);
            assertFalse(said.contains("\tat "), "no stack trace: " + said);
        } finally {
            deploying.destroyForcibly();
        }

        // The next command starts a new backend, which marks the run interrupted and serves web-00001 again.
        JsonNode deploys = Json.parse(backend.productos("runs", "list", "--json", "--tool", "cloudrun.deploy_service")
                        .stdout())
                .path("runs");
        assertEquals(2, deploys.size(), deploys.toString());
        assertEquals("interrupted", deploys.get(0).path("status").asString(), deploys.toString());
        assertEquals("succeeded", deploys.get(1).path("status").asString(), deploys.toString());
        assertTrue(
                WorkspaceBackendProcesses.eventually(
                        Duration.ofSeconds(60), () -> revisionAt(url).equals("web-00001")),
                "the serving revision was not started again:\n" + backend.logText());
        JsonNode status = succeeded(backend.productos(
                "call",
                "cloudrun.get_service_status",
                "--json",
                "--input",
                "{\"service_name\":\"web\",\"region\":\"local\"}"));
        // As after any failed deploy (and as Cloud Run reports a revision that never became ready): the
        // service is an error that names the interrupted deploy, while the previous revision serves.
        assertEquals("error", status.path("output").path("status").asString(), status.toString());
        assertTrue(
                status.path("output").path("reason").asString().contains("web-00002 was interrupted"),
                status.toString());
        assertEquals(
                "web-00001", status.path("output").path("latest_ready_revision").asString(), status.toString());
        assertEquals(
                0,
                backend.productos("runs", "list", "--json", "--status", "running")
                                .stdout()
                                .split("\"id\"", -1)
                                .length
                        - 1);
        // The local deploy target records the pids of the revisions it serves, not yet those of a build in
        // progress: the killed backend's build command is stopped here, and the teardown checks the rest.
        build.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void killingTheBackendMidImportShouldInterruptTheRunAndKeepTheEventsCountable() throws Exception {
        int rows = 400_000;
        Path csv = workspace.resolve("events.csv");
        StringBuilder text = new StringBuilder("user,event,ts\n");
        for (int i = 0; i < rows; i++)
            text.append('u')
                    .append(i % 5000)
                    .append(i % 3 == 0 ? ",signup," : ",activate,")
                    .append(1_700_000_000L + i)
                    .append('\n');
        Files.writeString(csv, text);
        String mapping = "user_id=user,event_name=event,timestamp=ts,unit=s";
        Process importing = backend.start("events", "import", csv.toString(), "--format", "csv", "--map", mapping);
        try {
            assertTrue(
                    WorkspaceBackendProcesses.eventually(
                            Duration.ofSeconds(60), () -> runningImport(backend.remember())),
                    "the import never showed as running");
            ProcessHandle daemon = backend.requireBackend();
            daemon.destroyForcibly();
            daemon.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(importing.waitFor(30, TimeUnit.SECONDS), "the importing command hung on a dead backend");
            assertEquals(1, importing.exitValue());
        } finally {
            importing.destroyForcibly();
        }

        JsonNode imports = Json.parse(backend.productos("runs", "list", "--json", "--tool", "events.import_file")
                        .stdout())
                .path("runs");
        assertEquals(1, imports.size(), imports.toString());
        assertEquals("interrupted", imports.get(0).path("status").asString(), imports.toString());

        // Whatever the killed import had stored is stored once: importing again accounts for every row exactly.
        JarProcesses.Result again = backend.productos(
                "call",
                "events.import_file",
                "--json",
                "--input",
                Json.write(Json.object()
                        .put("path", csv.toString())
                        .put("format", "csv")
                        .put("mapping", mapping)));
        JsonNode output = succeeded(again).path("output");
        assertEquals(
                rows,
                output.path("imported").asLong() + output.path("duplicates").asLong(),
                output.toString());
        assertEquals(0, output.path("rejected_count").asLong(), output.toString());
    }

    @Test
    void idleBackendShouldStopByItselfButNotWhileItRunsAService() throws Exception {
        WorkspaceBackendProcesses quick =
                new WorkspaceBackendProcesses(Files.createDirectories(root.resolve("idle")), 1);
        try {
            assertEquals(0, quick.productos("runs", "list").exitCode());
            // It may already have stopped, so it is found by the pid its log names.
            java.util.regex.Matcher started = java.util.regex.Pattern.compile("workspace backend pid (\\d+) serving")
                    .matcher(quick.logText());
            assertTrue(started.find(), quick.logText());
            ProcessHandle.of(Long.parseLong(started.group(1)))
                    .ifPresent(idle ->
                            idle.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            assertTrue(
                    WorkspaceBackendProcesses.eventually(
                            Duration.ofSeconds(10), () -> quick.logText().contains("workspace backend stopped")),
                    quick.logText());
            assertTrue(quick.logText().contains("stopping: idle for"), quick.logText());
            assertFalse(Files.exists(quick.infoFile()));
        } finally {
            quick.close();
        }

        backend = new WorkspaceBackendProcesses(workspace, 1);
        SampleServiceRepo repo = SampleServiceRepo.create(root.resolve("repo"));
        String url = succeeded(
                        backend.productos("call", "cloudrun.deploy_service", "--json", "--input", deployInput(repo)))
                .path("output")
                .path("service_url")
                .asString();
        ProcessHandle daemon = backend.requireBackend();
        assertTrue(
                WorkspaceBackendProcesses.eventually(
                        Duration.ofSeconds(30),
                        () -> backend.logText().contains("staying up: ")
                                && backend.logText().contains("process(es) it runs")),
                backend.logText());
        // Three idle timeouts of wall time pass while the service runs: the backend must still be there.
        Thread.sleep(3_000);
        assertTrue(daemon.isAlive(), backend.logText());
        assertEquals("web-00001", revisionAt(url));
        assertFalse(backend.logText().contains("stopping: idle"), backend.logText());
    }

    @Test
    void damagedStoreShouldBeNamedByTheCommandThatStartsTheBackendAndLeaveNoBackend() throws Exception {
        Path store = Files.createDirectories(workspace.resolve(".productos")).resolve("productos.db");
        Files.writeString(store, "not a database\n".repeat(500));
        JarProcesses.Result result = backend.productos("runs", "list");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("the store " + store + " is damaged"), result.toString());
        assertTrue(result.stderr().contains("move it aside"), result.toString());
        assertFalse(result.stderr().contains("\tat "), "no stack trace: " + result);
        assertTrue(backend.backend().isEmpty(), "a backend that cannot open its store does not stay");
    }

    @Test
    void workspaceThisUserCannotWriteShouldBeNamedWithWhatToDo() throws Exception {
        Path readOnly = Files.createDirectories(root.resolve("read-only"));
        List<String> asAnotherUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // root writes through any mode: run the jar as nobody, for whom a root-owned 0755 folder is read-only.
            Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            asAnotherUser.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        } else {
            Files.setPosixFilePermissions(
                    readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        List<String> command = new ArrayList<>(asAnotherUser);
        command.addAll(JarProcesses.command("runs", "list", "--workspace", readOnly.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("PRODUCTOS_NO_DAEMON");
        builder.environment().put("HOME", readOnly.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String said = new String(process.getErrorStream().readAllBytes());
        try {
            assertEquals(2, process.exitValue(), said);
            assertTrue(said.contains("workspace folder " + readOnly + " is not writable by this user"), said);
            assertTrue(said.contains("chmod u+w " + readOnly), said);
            assertFalse(said.contains("\tat "), "no stack trace: " + said);
        } finally {
            Files.setPosixFilePermissions(
                    readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String deployInput(SampleServiceRepo repo) {
        return Json.write(Json.object()
                .put("service_name", "web")
                .put("repo", repo.dir().toString())
                .put("ref", "main")
                .put("env", "dev")
                .put("region", "local"));
    }

    private static JsonNode succeeded(JarProcesses.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode run = Json.parse(result.stdout());
        assertEquals("succeeded", run.path("status").asString(), result.toString());
        return run;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String revisionAt(String url) {
        try {
            return get(url).headers().firstValue("x-revision").orElse("");
        } catch (IOException | InterruptedException notYet) {
            return "";
        }
    }

    private static void assertRefused(String url) throws InterruptedException {
        try {
            HttpResponse<String> response = get(url);
            throw new AssertionError("still answers after backend stop: " + response.statusCode());
        } catch (IOException expected) {
            // Connection refused: nothing serves the URL any more.
        }
    }

    /** True once the backend's store holds the import as running (read straight from its SQLite file). */
    private boolean runningImport(List<ProcessHandle> ignored) {
        Path database = workspace.resolve(".productos/productos.db");
        if (!Files.exists(database)) return false;
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM runs WHERE tool = 'events.import_file' AND status = 'running'")) {
            return rows.next() && rows.getInt(1) == 1;
        } catch (java.sql.SQLException notYet) {
            return false;
        }
    }

    private static JsonNode awaitRunStatus(JsonRpcWireClient client, String runId, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode note = client.nextNotification(500);
            if (note != null
                    && "runs/updated".equals(note.path("method").asString())
                    && runId.equals(note.path("params").path("id").asString())
                    && status.equals(note.path("params").path("status").asString())) {
                return note.path("params");
            }
        }
        throw new AssertionError("run " + runId + " never reached " + status);
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(process ->
                        process.pid() + " " + process.info().commandLine().orElse("?"))
                .toList()
                .toString();
    }
}
