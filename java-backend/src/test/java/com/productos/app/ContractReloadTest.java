package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.UserSettings;
import com.productos.control.CallRequest;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.policy.Verdict;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that stays up applies edits of the workspace's policy.yaml and tool-registry.yaml to the
 * next call; a broken edit leaves the previous pair in force and says what is wrong, where, on the runs
 * it did not apply to; the bundled floors hold after a reload.
 */
class ContractReloadTest {
    private static final String DENY_GET_PROFILE = """
            version: 1
            defaults: {low: allow, medium: allow, high: require_approval}
            rules:
              - name: no-profile-reads
                when: {tool: brand.get_profile}
                decision: deny
            """;

    @TempDir
    Path root;

    @TempDir
    Path userDir;

    private Backend backend;
    private Path policyFile;
    private int edits;

    @BeforeEach
    void open() throws Exception {
        backend = Backend.open(root, Map.of(UserSettings.DIR_VARIABLE, userDir.toString()));
        policyFile = backend.workspace().dataDir().resolve("policy.yaml");
        String profile = Files.readString(Path.of("..", "test-fixtures", "brand", "complete-profile.json"));
        Run stored = backend.controlPlane()
                .start(new CallRequest(
                        "brand.update_profile",
                        Json.parse("{\"profile_id\":\"default\",\"patch\":" + profile + "}"),
                        Actor.USER,
                        null,
                        null));
        assertEquals(
                RunStatus.SUCCEEDED,
                backend.controlPlane()
                        .settle(stored.id())
                        .get(60, TimeUnit.SECONDS)
                        .status());
    }

    @AfterEach
    void close() {
        backend.close();
    }

    /** Writes the file and moves its time on, so even a same-size edit within one clock tick is seen. */
    private void edit(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(++edits)));
    }

    private Run getProfile() throws Exception {
        Run started = backend.controlPlane()
                .start(new CallRequest(
                        "brand.get_profile", Json.parse("{\"profile_id\":\"default\"}"), Actor.USER, null, null));
        Run settled = backend.controlPlane().settle(started.id()).get(60, TimeUnit.SECONDS);
        return backend.controlPlane().get(settled.id());
    }

    private static String warnings(Run run) {
        return run.logs().stream()
                .filter(line -> line.severity().equals("WARN"))
                .map(RunLogLine::text)
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void anEditedPolicyShouldDecideTheNextCallWithoutARestart() throws Exception {
        assertEquals(RunStatus.SUCCEEDED, getProfile().status());

        edit(policyFile, DENY_GET_PROFILE);
        Run denied = getProfile();
        assertEquals(RunStatus.DENIED, denied.status(), denied.toString());
        assertTrue(
                denied.error().message().contains("no-profile-reads"),
                denied.error().message());
        assertEquals("", warnings(denied));

        Files.delete(policyFile);
        assertEquals(RunStatus.SUCCEEDED, getProfile().status(), "removing the file brings the bundled policy back");
    }

    @Test
    void aBrokenEditShouldBeRefusedWithFileLineAndProblemWhileThePreviousPolicyStays() throws Exception {
        edit(policyFile, DENY_GET_PROFILE);
        assertEquals(RunStatus.DENIED, getProfile().status());

        edit(policyFile, DENY_GET_PROFILE.replace("decision: deny", "decision: dney"));
        Run held = getProfile();
        assertEquals(RunStatus.DENIED, held.status(), "the previous policy is still in force");
        String warning = warnings(held);
        assertTrue(warning.contains(policyFile.toString()), warning);
        assertTrue(warning.contains("rule 'no-profile-reads' decision"), warning);
        assertTrue(warning.contains("'dney' is not a decision"), warning);
        assertTrue(warning.contains("(line 6)"), warning);
        assertTrue(warning.contains("stay in force until the file is fixed"), warning);
        assertTrue(
                warnings(getProfile()).contains("'dney'"), "every call is told until the file is fixed, not only one");

        edit(policyFile, "version: 1\ndefaults: [\n");
        String syntax = warnings(getProfile());
        assertTrue(syntax.contains("not valid YAML") && syntax.contains("line "), syntax);

        edit(policyFile, DENY_GET_PROFILE.replace("decision: deny", "decision: require_approval"));
        Run parked = getProfile();
        assertEquals(RunStatus.AWAITING_APPROVAL, parked.status(), "the fixed file applies at once");
        assertEquals("", warnings(parked));
    }

    @Test
    void floorsShouldHoldAfterAReloadedAllowEverythingPolicy() throws Exception {
        edit(policyFile, "version: 1\ndefaults: {low: allow, medium: allow, high: allow}\nrules: []\n");
        var deploy = backend.registry().find("cloudrun.deploy_service").orElseThrow();
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                backend.policy()
                        .evaluate(deploy, Json.parse("{\"env\":\"prod\"}"), Actor.USER)
                        .verdict());
        var publish = backend.registry().find("marketing.publish_missinglettr").orElseThrow();
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                backend.policy().evaluate(publish, Json.parse("{}"), Actor.USER).verdict());
    }

    @Test
    void anEditedRegistryShouldApplyAndOneThatMovesARouteShouldBeRefused() throws Exception {
        Path registryFile = backend.workspace().dataDir().resolve("tool-registry.yaml");
        String bundled;
        try (var in = getClass().getResourceAsStream("/registry/tool-registry.yaml")) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String described = bundled.replaceFirst(
                "(?m)^(  brand\\.get_profile:\\n    description: ).*$", "$1\"Reads a brand profile (edited)\"");
        assertTrue(!described.equals(bundled), "the fixture edit must change the file");
        edit(registryFile, described);
        assertEquals(
                "Reads a brand profile (edited)",
                backend.registry().find("brand.get_profile").orElseThrow().description());
        assertEquals(RunStatus.SUCCEEDED, getProfile().status());

        String moved = described.replace("path: /execute/brand/get_profile", "path: /execute/brand/elsewhere");
        assertTrue(!moved.equals(described), "the fixture edit must change the path");
        edit(registryFile, moved);
        Run run = getProfile();
        assertEquals(RunStatus.SUCCEEDED, run.status(), "the route the executor serves stays in force");
        String warning = warnings(run);
        assertTrue(
                warning.contains("tool 'brand.get_profile'") && warning.contains("/execute/brand/elsewhere"), warning);
        assertTrue(warning.contains("productos backend stop"), warning);
        assertTrue(warning.contains("(line "), warning);
    }
}
