package com.productos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.runs.Run;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcp --http} on the wire, with what a well-behaved client never sends: each refusal is a clear
 * error with a fitting status, and the server keeps serving after it (checked after every test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpBadInputTest {
    @TempDir
    static Path workspace;

    private HttpMcpFixture fixture;
    private RawMcpHttp client;

    @BeforeAll
    void start() throws Exception {
        fixture = new HttpMcpFixture(workspace);
        client = new RawMcpHttp(fixture.url(), fixture.token).open();
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) fixture.close();
    }

    @AfterEach
    void serverShouldStillServe() throws Exception {
        HttpResponse<String> list = client.post("{\"jsonrpc\":\"2.0\",\"id\":900,\"method\":\"tools/list\"}");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(RawMcpHttp.message(list).path("result").path("tools").size() > 10, list.body());
    }

    @Test
    void wrongTokenShouldBe401NamingWhereTheTokenIs() throws Exception {
        HttpResponse<String> response = new RawMcpHttp(fixture.url(), "not-the-token").post(RawMcpHttp.INITIALIZE);
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(response.body().contains("mcp-http-token"), response.body());
        assertTrue(!response.body().contains(fixture.token), "the token is never echoed");
        assertEquals(
                401,
                new RawMcpHttp(fixture.url(), null).post(RawMcpHttp.INITIALIZE).statusCode());
    }

    @Test
    void foreignOriginShouldBe403() throws Exception {
        HttpResponse<String> response = client.send(client.request(RawMcpHttp.INITIALIZE)
                .header("Origin", "https://evil.example")
                .build());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("--allow-origin"), response.body());
        HttpResponse<String> loopback = client.send(client.request("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")
                .header("Origin", "http://localhost:5173")
                .build());
        assertEquals(200, loopback.statusCode(), loopback.body());
    }

    @Test
    void malformedJsonShouldBeAParseError() throws Exception {
        HttpResponse<String> response = client.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":");
        assertEquals(400, response.statusCode());
        JsonNode error = RawMcpHttp.message(response).path("error");
        assertEquals(-32700, error.path("code").asInt());
        assertTrue(error.path("message").asString().contains("not valid JSON"), response.body());
    }

    @Test
    void messagesThatAreNotJsonRpcShouldBeInvalidRequests() throws Exception {
        for (String body : new String[] {
            "[]",
            "42",
            "{\"id\":4,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":[1]}"
        }) {
            HttpResponse<String> response = client.post(body);
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertEquals(
                    -32600,
                    RawMcpHttp.message(response).path("error").path("code").asInt(),
                    body + " -> " + response.body());
        }
    }

    @Test
    void tenMegabyteBodyShouldBe413() throws Exception {
        String big =
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"events.ingest\",\"arguments\":{\"pad\":\""
                        + "x".repeat(10 * 1024 * 1024) + "\"}}}";
        HttpResponse<String> response = client.post(big);
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("larger than 4 MiB"), response.body());
    }

    @Test
    void unknownToolShouldBeInvalidParamsNamingIt() throws Exception {
        HttpResponse<String> response = client.post(
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"rm.rf\",\"arguments\":{}}}");
        JsonNode error = RawMcpHttp.message(response).path("error");
        assertEquals(-32602, error.path("code").asInt(), response.body());
        assertTrue(error.path("message").asString().contains("'rm.rf'"), response.body());
    }

    @Test
    void schemaBreakingArgumentsShouldBeAToolErrorWithThePointer() throws Exception {
        HttpResponse<String> response = client.post(
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"events.ingest\","
                        + "\"arguments\":{\"events\":[]}}}");
        JsonNode result = RawMcpHttp.message(response).path("result");
        assertEquals(true, result.path("isError").asBoolean(), response.body());
        assertTrue(result.path("content").get(0).path("text").asString().contains("/events"), response.body());
    }

    @Test
    void requestsOutsideASessionShouldBeRefusedAsTheSpecSays() throws Exception {
        RawMcpHttp stranger = new RawMcpHttp(fixture.url(), fixture.token);
        HttpResponse<String> noSession = stranger.post("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\"}");
        assertEquals(400, noSession.statusCode(), noSession.body());
        stranger.sessionId = "00000000-0000-0000-0000-000000000000";
        HttpResponse<String> unknown = stranger.post("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/list\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void cancelledNotificationShouldCancelTheRunBehindTheCall() throws Exception {
        var call = client.postAsync(
                "{\"jsonrpc\":\"2.0\",\"id\":\"slow-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"marketing.list_drafts\","
                        + "\"arguments\":{\"limit\":3}}}");
        fixture.marketing.awaitRequest();
        HttpResponse<String> cancel = client.post(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow-1\","
                        + "\"reason\":\"the person changed their mind\"}}");
        assertEquals(202, cancel.statusCode(), cancel.body());
        HttpResponse<String> answered = call.get(60, TimeUnit.SECONDS);
        JsonNode result = RawMcpHttp.message(answered).path("result");
        assertEquals(
                "cancelled",
                result.path("_meta").path("productos/run").path("status").asString(),
                answered.body());
        Run run = fixture.controlPlane()
                .list(new RunQuery("marketing.list_drafts", null, "mcp", null, 1, null))
                .runs()
                .get(0);
        assertEquals(RunStatus.CANCELLED, run.status());
    }
}
