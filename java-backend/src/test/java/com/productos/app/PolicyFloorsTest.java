package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.UserSettings;
import com.productos.config.Workspace;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.policy.Policy;
import com.productos.policy.PolicyDecision;
import com.productos.policy.PolicyException;
import com.productos.policy.Verdict;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import com.productos.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes: a workspace's .productos/policy.yaml (which arrives with a cloned repository) cannot switch
 * off the bundled floors; only the person's own settings, outside the workspace, can relax one, and
 * that shows.
 */
class PolicyFloorsTest {
    private static final ToolRegistry BUNDLED = new RegistryLoader().loadBundled();
    private static final String ALL_ALLOW = """
            version: 1
            defaults: {low: allow, medium: allow, high: allow}
            rules: []
            """;

    @TempDir
    Path root;

    @TempDir
    Path userDir;

    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = Workspace.open(root);
    }

    private void workspacePolicy(String yaml) throws Exception {
        Files.writeString(workspace.dataDir().resolve("policy.yaml"), yaml);
    }

    private UserSettings user(String yaml) throws Exception {
        return UserSettings.load(Files.writeString(userDir.resolve(UserSettings.FILE_NAME), yaml));
    }

    private static PolicyDecision decide(Policy policy, String tool, String input, Actor actor) {
        return policy.evaluate(BUNDLED.find(tool).orElseThrow(), Json.parse(input), actor);
    }

    @Test
    void allowEverythingWorkspacePolicyShouldStillHoldProdDeploysAndPublishing() throws Exception {
        workspacePolicy(ALL_ALLOW);
        Policy policy = Contracts.policy(workspace, UserSettings.none(userDir.resolve(UserSettings.FILE_NAME)));
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                decide(policy, "cloudrun.deploy_service", "{\"env\":\"prod\"}", Actor.USER)
                        .verdict());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                decide(policy, "cloudrun.rollback_service", "{\"env\":\"prod\"}", Actor.USER)
                        .verdict());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                decide(policy, "marketing.publish_missinglettr", "{}", Actor.USER)
                        .verdict());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                decide(policy, "marketing.publish_missinglettr", "{}", Actor.MCP)
                        .verdict());
        assertEquals(
                Verdict.ALLOW,
                decide(policy, "cloudrun.deploy_service", "{\"env\":\"dev\"}", Actor.SUPERVISOR)
                        .verdict(),
                "defaults that are not floors are the workspace's to set");
        assertTrue(policy.relaxedFloors().isEmpty());
    }

    @Test
    void workspacePolicyShouldStillAddRulesThatTighten() throws Exception {
        workspacePolicy(ALL_ALLOW.replace("rules: []", """
                rules:
                  - name: no-brand-edits
                    when: {tool: "brand.update_profile"}
                    decision: deny
                """));
        Policy policy = Contracts.policy(workspace, UserSettings.none(userDir.resolve(UserSettings.FILE_NAME)));
        assertEquals(
                Verdict.DENY,
                decide(policy, "brand.update_profile", "{}", Actor.USER).verdict());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                decide(policy, "marketing.publish_missinglettr", "{}", Actor.USER)
                        .verdict());
    }

    @Test
    void workspaceRegistryShouldNotLowerTheRiskOfABundledTool() throws Exception {
        String registry = new String(RegistryLoader.class
                        .getResourceAsStream("/registry/tool-registry.yaml")
                        .readAllBytes())
                .replaceFirst("(cloudrun.rollback_service:\\s+description:[^\\n]*\\n\\s+risk:) medium", "$1 low");
        ToolRegistry lowered = new RegistryLoader().parse("workspace registry", registry);
        assertEquals(
                "low",
                lowered.find("cloudrun.rollback_service").orElseThrow().risk().wireName(),
                "the probe lowered it");
        Policy policy = Contracts.policy(workspace, UserSettings.none(userDir.resolve(UserSettings.FILE_NAME)));
        PolicyDecision decision = policy.evaluate(
                lowered.find("cloudrun.rollback_service").orElseThrow(), Json.parse("{}"), Actor.SUPERVISOR);
        assertEquals(
                Verdict.REQUIRE_APPROVAL, decision.verdict(), decision.reasons().toString());
    }

    @Test
    void relaxingAFloorShouldNeedTheUsersOwnSettingAndBeNamedInEveryDecision() throws Exception {
        workspacePolicy(ALL_ALLOW);
        UserSettings settings = user("policy:\n  relax_floors: [publishing-needs-approval]\n");
        Policy policy = Contracts.policy(workspace, settings);
        PolicyDecision publish = decide(policy, "marketing.publish_missinglettr", "{}", Actor.USER);
        assertEquals(Verdict.ALLOW, publish.verdict());
        assertTrue(
                publish.reasons()
                        .contains(
                                "floor publishing-needs-approval (require_approval) is relaxed by " + settings.file()),
                publish.reasons().toString());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                decide(policy, "cloudrun.deploy_service", "{\"env\":\"prod\"}", Actor.USER)
                        .verdict(),
                "the other floor still holds");
        assertEquals(java.util.List.of("publishing-needs-approval"), policy.relaxedFloors());
    }

    @Test
    void settingsThatNameNoFloorOrTheHighRiskFloorShouldBeRefused() throws Exception {
        PolicyException unknown = assertThrows(
                PolicyException.class,
                () -> Contracts.policy(workspace, user("policy:\n  relax_floors: [everything]\n")));
        assertTrue(
                unknown.getMessage()
                        .contains("'everything' is not a floor of the bundled policy; the floors are "
                                + "[production-deploys-need-approval, publishing-needs-approval]"),
                unknown.getMessage());
        PolicyException high = assertThrows(
                PolicyException.class,
                () -> Contracts.policy(workspace, user("policy:\n  relax_floors: [high-risk-needs-approval]\n")));
        assertTrue(high.getMessage().contains("cannot be relaxed"), high.getMessage());
    }

    @Test
    void approvalsListShouldShowARelaxedFloor() throws Exception {
        Files.writeString(
                userDir.resolve(UserSettings.FILE_NAME), "policy:\n  relax_floors: [publishing-needs-approval]\n");
        CliProcess.Result listed = CliProcess.run(
                root.resolve(".productos/test-out"),
                Map.of(UserSettings.DIR_VARIABLE, userDir.toString()),
                "approvals",
                "list",
                "--workspace",
                root.toString());
        assertEquals(0, listed.exitCode(), listed.toString());
        assertTrue(
                listed.stdout()
                        .startsWith("policy floors relaxed by " + userDir.resolve(UserSettings.FILE_NAME)
                                + ": publishing-needs-approval (calls they would hold run without that approval)\n"),
                listed.toString());
        assertTrue(listed.stderr().contains("policy floors relaxed by"), "and logged: " + listed.stderr());
    }
}
