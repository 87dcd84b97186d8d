package com.productos.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {
    private static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();
    private static final Policy BUNDLED = new PolicyLoader().loadBundled();

    private static ToolDefinition tool(String name) {
        return REGISTRY.find(name).orElseThrow();
    }

    @ParameterizedTest(name = "{0} as {1} with {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "brand.get_profile              | user       | {}                 | allow",
                "brand.get_profile              | supervisor | {}                 | allow",
                "brand.update_profile           | user       | {}                 | allow",
                "brand.update_profile           | supervisor | {}                 | require_approval",
                "brand.update_profile           | mcp        | {}                 | require_approval",
                "cloudrun.deploy_service        | user       | {\"env\":\"dev\"}  | allow",
                "cloudrun.deploy_service        | user       | {\"env\":\"prod\"} | require_approval",
                "cloudrun.deploy_service        | supervisor | {\"env\":\"dev\"}  | require_approval",
                "marketing.publish_missinglettr | user       | {}                 | require_approval",
                "analytics.funnel_summary       | mcp        | {}                 | allow"
            })
    void bundledPolicyShouldDecideAsDesigned(String toolName, String actor, String input, String expected) {
        PolicyDecision decision = BUNDLED.evaluate(
                tool(toolName), Json.parse(input), Actor.parse(actor).orElseThrow());
        assertEquals(
                Verdict.parse(expected).orElseThrow(),
                decision.verdict(),
                decision.reasons().toString());
    }

    @Test
    void approvalsShouldExpireAfterADayByDefault() {
        assertEquals(Duration.ofHours(24), BUNDLED.approvalTtl());
    }

    @Test
    void highRiskShouldNeedApprovalEvenWhenDefaultsSayAllow() {
        String yaml = """
                version: 1
                defaults: {low: allow, medium: allow, high: allow}
                rules: []
                """;
        Policy lax = new PolicyLoader().parse("lax.yaml", yaml);
        String registryYaml = """
                version: 1
                executors: {deploy: {description: d}}
                tools:
                  infra.drop_database:
                    description: Drops a database.
                    risk: high
                    executor: {kind: http, url: "${executors.deploy}", path: /execute/infra/drop}
                    inputSchema: {type: object}
                    outputSchema: {type: object}
                """;
        ToolDefinition dangerous = new RegistryLoader()
                .parse("r.yaml", registryYaml)
                .find("infra.drop_database")
                .orElseThrow();
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                lax.evaluate(dangerous, Json.object(), Actor.USER).verdict());
    }

    @Test
    void laterRulesShouldOnlyMakeDecisionsStricter() {
        String yaml = """
                version: 1
                defaults: {low: allow, medium: allow, high: require_approval}
                rules:
                  - name: deny-prod-for-mcp
                    when: {tool: "cloudrun.*", env: prod, actor: mcp}
                    decision: deny
                  - name: approve-all-prod
                    when: {env: prod}
                    decision: require_approval
                """;
        Policy policy = new PolicyLoader().parse("p.yaml", yaml);
        PolicyDecision decision =
                policy.evaluate(tool("cloudrun.deploy_service"), Json.parse("{\"env\":\"prod\"}"), Actor.MCP);
        assertEquals(Verdict.DENY, decision.verdict());
        assertEquals(3, decision.reasons().size());
    }

    @Test
    void allowRulesShouldBeRefusedBecauseTheyCouldNotLoosenAnything() {
        String yaml = """
                version: 1
                defaults: {low: allow, medium: allow, high: require_approval}
                rules:
                  - name: let-it-through
                    when: {tool: "marketing.*"}
                    decision: allow
                """;
        PolicyException e = assertThrows(PolicyException.class, () -> new PolicyLoader().parse("p.yaml", yaml));
        assertTrue(e.getMessage().contains("let-it-through"), e.getMessage());
        assertTrue(e.getMessage().contains("stricter"), e.getMessage());
    }

    @Test
    void inputPredicatesShouldMatchEqualsInAndExists() {
        String yaml = """
                version: 1
                defaults: {low: allow, medium: allow, high: require_approval}
                rules:
                  - name: big-scale
                    when: {tool: cloudrun.deploy_service, input: {deploy.max_instances: {in: [50, 100]}}}
                    decision: require_approval
                  - name: public
                    when: {tool: cloudrun.deploy_service, input: {deploy.allow_unauthenticated: true}}
                    decision: require_approval
                  - name: custom-account
                    when: {tool: cloudrun.deploy_service, input: {deploy.service_account_email: {exists: true}}}
                    decision: deny
                """;
        Policy policy = new PolicyLoader().parse("p.yaml", yaml);
        ToolDefinition deploy = tool("cloudrun.deploy_service");
        assertEquals(
                Verdict.ALLOW,
                policy.evaluate(deploy, Json.parse("{\"deploy\":{\"max_instances\":3}}"), Actor.USER)
                        .verdict());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                policy.evaluate(deploy, Json.parse("{\"deploy\":{\"max_instances\":100}}"), Actor.USER)
                        .verdict());
        assertEquals(
                Verdict.REQUIRE_APPROVAL,
                policy.evaluate(deploy, Json.parse("{\"deploy\":{\"allow_unauthenticated\":true}}"), Actor.USER)
                        .verdict());
        assertEquals(
                Verdict.DENY,
                policy.evaluate(deploy, Json.parse("{\"deploy\":{\"service_account_email\":\"a@b\"}}"), Actor.USER)
                        .verdict());
    }

    @Test
    void unknownConditionShouldBeRefused() {
        String yaml = """
                version: 1
                defaults: {low: allow, medium: allow, high: require_approval}
                rules:
                  - name: typo
                    when: {tool: x.y, enviroment: prod}
                    decision: deny
                """;
        PolicyException e = assertThrows(PolicyException.class, () -> new PolicyLoader().parse("p.yaml", yaml));
        assertTrue(e.getMessage().contains("enviroment"), e.getMessage());
    }
}
