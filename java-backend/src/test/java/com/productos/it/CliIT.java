package com.productos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The CLI as scripts use it: the real jar, real embedded executors, exit codes and JSON output. */
class CliIT {
    @TempDir
    Path workspace;

    private JarProcesses.Result productos(String... args) throws Exception {
        String[] withWorkspace = new String[args.length + 2];
        System.arraycopy(args, 0, withWorkspace, 0, args.length);
        withWorkspace[args.length] = "--workspace";
        withWorkspace[args.length + 1] = workspace.toString();
        return JarProcesses.run(workspace, withWorkspace);
    }

    @Test
    void toolsListShouldPrintTheRegistryAsJson() throws Exception {
        JarProcesses.Result result = productos("tools", "list", "--json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode tools = Json.parse(result.stdout());
        assertTrue(tools.size() >= 10, result.stdout());
    }

    @Test
    void brandProfileShouldRoundTripThroughTheEmbeddedExecutor() throws Exception {
        Path profile = workspace.resolve("profile.json");
        Files.writeString(
                profile,
                "{\"profile_id\":\"default\",\"patch\":" + Files.readString(fixture("brand/complete-profile.json"))
                        + "}");
        JarProcesses.Result update = productos("call", "brand.update_profile", "--input", "@" + profile, "--json");
        assertEquals(0, update.exitCode(), update.toString());
        assertEquals("succeeded", Json.parse(update.stdout()).path("status").asString());

        JarProcesses.Result get =
                productos("call", "brand.get_profile", "--input", "{\"profile_id\":\"default\"}", "--json");
        assertEquals(0, get.exitCode(), get.toString());
        JsonNode run = Json.parse(get.stdout());
        assertEquals("default", run.path("output").path("profile_id").asString());

        JarProcesses.Result runs = productos("runs", "list", "--json");
        assertEquals(2, Json.parse(runs.stdout()).path("runs").size(), runs.toString());
        JarProcesses.Result show = productos("runs", "show", run.path("id").asString());
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.stdout().contains("succeeded"), show.stdout());
    }

    @Test
    void badInputShouldExitTwoWithAClearMessage() throws Exception {
        JarProcesses.Result notJson = productos("call", "brand.get_profile", "--input", "{profile_id:");
        assertEquals(2, notJson.exitCode(), notJson.toString());
        assertTrue(notJson.stderr().contains("not valid JSON"), notJson.stderr());

        JarProcesses.Result unknownTool = productos("call", "brand.get_profil", "--input", "{}");
        assertEquals(2, unknownTool.exitCode(), unknownTool.toString());
        assertTrue(unknownTool.stderr().contains("ToolNotFound"), unknownTool.stderr());

        JarProcesses.Result schema = productos("call", "logs.tail", "--input", "{\"scope\":\"planet\",\"limit\":5}");
        assertEquals(2, schema.exitCode(), schema.toString());
        assertTrue(schema.stderr().contains("/scope"), schema.stderr());
        assertFalse(schema.stderr().contains("at com.productos"), "no stack traces: " + schema.stderr());

        JarProcesses.Result missingProfile =
                productos("call", "brand.get_profile", "--input", "{\"profile_id\":\"nobody\"}");
        assertEquals(1, missingProfile.exitCode(), missingProfile.toString());
        assertTrue(missingProfile.stdout().contains("ExecutorError"), missingProfile.stdout());
    }

    @Test
    void callNeedingApprovalShouldExitThreeAndBeApprovable() throws Exception {
        Path profile = workspace.resolve("profile.json");
        Files.writeString(
                profile,
                "{\"profile_id\":\"default\",\"patch\":" + Files.readString(fixture("brand/complete-profile.json"))
                        + "}");
        JarProcesses.Result seed = productos("call", "brand.update_profile", "--input", "@" + profile);
        assertEquals(0, seed.exitCode(), seed.toString());

        String publish =
                "{\"campaign\":{\"name\":\"launch\",\"posts\":[{\"channel\":\"linkedin\",\"text\":\"We shipped funnels.\"}]},"
                        + "\"schedule\":{\"mode\":\"now\"}}";
        JarProcesses.Result parked = productos("call", "marketing.publish_missinglettr", "--input", publish);
        assertEquals(3, parked.exitCode(), parked.toString());
        Matcher approval = Pattern.compile("approval: (apr_[0-9a-z]+)").matcher(parked.stdout());
        assertTrue(approval.find(), parked.stdout());

        JarProcesses.Result pending = productos("approvals", "list");
        assertTrue(pending.stdout().contains(approval.group(1)), pending.toString());

        JarProcesses.Result approved = productos("approvals", "approve", approval.group(1), "--json");
        assertEquals(0, approved.exitCode(), approved.toString());
        assertEquals("succeeded", Json.parse(approved.stdout()).path("status").asString());

        JarProcesses.Result again = productos("approvals", "approve", approval.group(1));
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("already consumed"), again.stderr());
    }

    @Test
    void eventsImportShouldStoreGoodRowsAndReportBadOnesByLine() throws Exception {
        Path csv = workspace.resolve("events.csv");
        Files.writeString(csv, "user,event,ts\nu1,signup,1700000000\nu1,activate,not-a-time\nu2,signup,1700000100\n");
        JarProcesses.Result imported = productos(
                "events",
                "import",
                csv.toString(),
                "--format",
                "csv",
                "--map",
                "user_id=user,event_name=event,timestamp=ts,unit=s");
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.stdout().contains("2 imported"), imported.stdout());
        assertTrue(imported.stdout().contains("line 3"), imported.stdout());

        JarProcesses.Result again = productos(
                "events",
                "import",
                csv.toString(),
                "--format",
                "csv",
                "--map",
                "user_id=user,event_name=event,timestamp=ts,unit=s");
        assertTrue(again.stdout().contains("0 imported, 2 already stored"), again.stdout());

        JarProcesses.Result badMapping =
                productos("events", "import", csv.toString(), "--format", "csv", "--map", "user_id=user");
        assertEquals(1, badMapping.exitCode(), badMapping.toString());
        assertTrue(badMapping.stdout().contains("/mapping"), badMapping.stdout());
    }

    @Test
    void cliNextToARunningBackendShouldUseItsExecutors() throws Exception {
        Process serve = new ProcessBuilder(
                        JarProcesses.command("serve", "--stdio", "--no-daemon", "--workspace", workspace.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path published = workspace.resolve(".productos/run/executors.json");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(published) && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(Files.exists(published), "serve never published its executors");

            Path csv = workspace.resolve("events.csv");
            Files.writeString(csv, "user,event,ts\nu1,signup,1700000000\nu1,activate,1700000060\n");
            JarProcesses.Result imported = productos(
                    "events",
                    "import",
                    csv.toString(),
                    "--format",
                    "csv",
                    "--map",
                    "user_id=user,event_name=event,timestamp=ts,unit=s");
            assertEquals(0, imported.exitCode(), imported.toString());
            assertTrue(
                    imported.stderr().contains("using the executors of the backend already running"),
                    imported.stderr());

            JarProcesses.Result funnel = productos(
                    "call",
                    "analytics.funnel_summary",
                    "--json",
                    "--input",
                    "{\"range_days\":30,\"as_of\":\"2023-11-15T00:00:00Z\",\"funnel\":{\"name\":\"a\",\"steps\":"
                            + "[{\"event_name\":\"signup\"},{\"event_name\":\"activate\"}]}}");
            assertEquals(0, funnel.exitCode(), funnel.toString());
            assertEquals(
                    1,
                    Json.parse(funnel.stdout())
                            .path("output")
                            .path("steps")
                            .get(1)
                            .path("users")
                            .asInt(),
                    funnel.stdout());
        } finally {
            serve.getOutputStream().close();
            serve.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    @Test
    void tourShouldRunEndToEnd() throws Exception {
        // From the repository folder, as the README runs it, so the sample events are imported too.
        Path repository = Path.of("..").toAbsolutePath().normalize();
        JarProcesses.Result tour = JarProcesses.run(repository, "tour", "--workspace", workspace.toString());
        assertEquals(0, tour.exitCode(), tour.toString());
        assertTrue(tour.stdout().contains("$ productos approvals list"), tour.stdout());
        for (String tool : new String[] {
            "brand.get_profile", "analytics.funnel_summary", "analytics.top_drivers", "marketing.generate_channel_posts"
        }) {
            assertTrue(
                    Pattern.compile("run_\\w+\\s+" + Pattern.quote(tool) + "\\s+succeeded")
                            .matcher(tour.stdout())
                            .find(),
                    tool + " should have succeeded:\n" + tour.stdout());
        }
        assertTrue(tour.stdout().contains("marketing.publish_missinglettr  awaiting_approval"), tour.stdout());
    }

    static Path fixture(String name) {
        return Path.of("..", "test-fixtures", name).toAbsolutePath().normalize();
    }
}
