package com.productos.rpc;

import static com.productos.testing.JsonRpcWireClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class RpcApprovalsTest {
    static final String PATCH = "{\"profile_id\":\"default\",\"patch\":{\"name\":\"Acme\"}}";
    static final String T = RpcFixture.NOW.toString();
    static final String EXPIRES = RpcFixture.NOW.plusSeconds(24 * 3600).toString();

    @TempDir
    Path folder;

    private RpcFixture fixture;
    private JsonRpcWireClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new RpcFixture(folder);
        client = fixture.client;
        fixture.storeProfile("default", RpcRunsTest.BRAND);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private JsonNode parkedRun() throws Exception {
        JsonNode run = client.call(
                        2,
                        "runs/start",
                        "{\"tool\":\"brand.update_profile\",\"input\":" + PATCH + ",\"actor\":\"mcp\"}")
                .json()
                .get("result");
        assertEquals("awaiting_approval", run.get("status").asString());
        return run;
    }

    @Test
    void mediumRiskCallByMcpShouldWaitAndAnnounceTheApprovalThenRunWhenApproved() throws Exception {
        JsonNode run = parkedRun();
        String runId = run.get("id").asString();
        String approvalId = run.get("approvalId").asString();
        String hash = RpcRunsTest.hash(PATCH);
        String parked = "{\"id\":\"" + runId + "\",\"tool\":\"brand.update_profile\",\"actor\":\"mcp\","
                + "\"status\":\"awaiting_approval\",\"input\":" + PATCH + ",\"inputHash\":\"" + hash + "\","
                + "\"idempotencyKey\":\"auto-" + runId + "\",\"approvalId\":\"" + approvalId + "\",\"createdAt\":\"" + T
                + "\",\"updatedAt\":\"" + T + "\",\"artifacts\":[]}";
        String pending = "{\"id\":\"" + approvalId + "\",\"runId\":\"" + runId + "\",\"tool\":\"brand.update_profile\","
                + "\"inputHash\":\"" + hash + "\",\"actor\":\"mcp\",\"status\":\"pending\","
                + "\"reasons\":[\"default for medium risk and actor mcp: require_approval\"],"
                + "\"createdAt\":\"" + T + "\",\"expiresAt\":\"" + EXPIRES + "\"}";
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"method\":\"approvals/requested\",\"params\":{\"approval\":" + pending
                        + ",\"run\":" + parked + "}}"),
                client.next(f -> f.isNotification("approvals/requested")).raw());
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"approvals\":[" + pending + "]}}"),
                client.call(3, "approvals/list", "{\"status\":\"pending\"}").raw());

        JsonNode released = client.call(
                        4,
                        "approvals/decide",
                        "{\"approvalId\":\"" + approvalId + "\",\"decision\":\"approve\",\"note\":\"fine\"}")
                .json()
                .get("result");
        assertEquals("queued", released.get("status").asString());
        JsonNode done = client.notification(
                        "runs/updated",
                        params -> params.get("id").asString().equals(runId)
                                && params.get("status").asString().equals("succeeded"))
                .json()
                .get("params");
        assertEquals(
                "{\"ok\":true,\"updated_at\":\"" + T + "\"}", done.get("output").toString());
        assertEquals(
                "consumed",
                client.call(5, "approvals/list", null)
                        .json()
                        .get("result")
                        .get("approvals")
                        .get(0)
                        .get("status")
                        .asString());
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-31012,\"message\":\"approval " + approvalId
                        + " is already consumed\",\"data\":{\"runId\":\"" + runId + "\"}}}"),
                client.call(6, "approvals/decide", "{\"approvalId\":\"" + approvalId + "\",\"decision\":\"approve\"}")
                        .raw());
    }

    @Test
    void denyingShouldEndTheRunAsDenied() throws Exception {
        JsonNode run = parkedRun();
        JsonNode denied = client.call(
                        3,
                        "approvals/decide",
                        "{\"approvalId\":\"" + run.get("approvalId").asString()
                                + "\",\"decision\":\"deny\",\"note\":\"not now\"}")
                .json()
                .get("result");
        assertEquals("denied", denied.get("status").asString());
        assertEquals("PolicyDenied", denied.get("error").get("code").asString());
        assertEquals(
                "denied by user: not now", denied.get("error").get("message").asString());
        assertEquals(
                "denied",
                client.call(4, "runs/get", "{\"runId\":\"" + run.get("id").asString() + "\"}")
                        .json()
                        .get("result")
                        .get("status")
                        .asString());
    }

    @Test
    void unknownApprovalShouldBeApprovalNotFound() throws Exception {
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-31011,\"message\":\"no approval has id "
                        + "'apr_nope'; list pending ones with approvals/list\"}}"),
                client.call(3, "approvals/decide", "{\"approvalId\":\"apr_nope\",\"decision\":\"approve\"}")
                        .raw());
    }

    @Test
    void expiredApprovalShouldBeApprovalExpiredAndTheRunCancelled() throws Exception {
        JsonNode run = parkedRun();
        String runId = run.get("id").asString();
        String approvalId = run.get("approvalId").asString();
        fixture.clock.advance(java.time.Duration.ofHours(24).plusSeconds(1));
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-31014,\"message\":\"approval " + approvalId
                        + " expired at " + EXPIRES + "; start the call again to ask anew\",\"data\":{\"runId\":\""
                        + runId + "\"}}}"),
                client.call(3, "approvals/decide", "{\"approvalId\":\"" + approvalId + "\",\"decision\":\"approve\"}")
                        .raw());
        assertEquals(
                "cancelled",
                client.call(4, "runs/get", "{\"runId\":\"" + runId + "\"}")
                        .json()
                        .get("result")
                        .get("status")
                        .asString());
    }
}
