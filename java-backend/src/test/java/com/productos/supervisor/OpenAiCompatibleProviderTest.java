package com.productos.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.control.ErrorCode;
import com.productos.json.Json;
import com.productos.supervisor.openai.OpenAiCompatibleProvider;
import com.productos.supervisor.openai.OpenAiSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The OpenAI-compatible provider in the loop, against a Chat Completions server on loopback. */
class OpenAiCompatibleProviderTest {
    @TempDir
    Path folder;

    static String toolCalls(String... idNameArguments) {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < idNameArguments.length; i += 3) {
            if (i > 0) calls.append(',');
            calls.append("{\"id\":\"")
                    .append(idNameArguments[i])
                    .append("\",\"type\":\"function\",\"function\":{\"name\":\"")
                    .append(idNameArguments[i + 1])
                    .append("\",\"arguments\":")
                    .append(Json.write(Json.toTree(idNameArguments[i + 2])))
                    .append("}}");
        }
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":null,\"tool_calls\":[" + calls + "]},\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,\"total_tokens\":150}}";
    }

    static String text(String text) {
        return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + Json.write(Json.toTree(text))
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":200,\"completion_tokens\":10,\"total_tokens\":210}}";
    }

    private OpenAiCompatibleProvider provider(LoopbackModelServer server, int timeoutSeconds) {
        JsonNode section = Json.object()
                .put("base_url", server.baseUrl() + "/v1")
                .put("model", "qwen")
                .put("api_key_env", "TEST_KEY")
                .put("timeout_seconds", timeoutSeconds);
        return new OpenAiCompatibleProvider(
                OpenAiSettings.from(section, ProductOsConfig.of(null, Map.of("TEST_KEY", "sk-test-123456789"))));
    }

    private SupervisorFixture fixture(LoopbackModelServer server, int timeoutSeconds) {
        ToolAnswers tools = new ToolAnswers()
                .answer("analytics.funnel_summary", SupervisorLoopTest.FUNNEL_OUTPUT)
                .answer(
                        "cloudrun.get_service_status",
                        "{\"service_name\":\"web\",\"region\":\"us-central1\",\"service_url\":\"http://x\","
                                + "\"latest_ready_revision\":\"web-1\",\"status\":\"ready\"}");
        return new SupervisorFixture(folder, tools, provider(server, timeoutSeconds));
    }

    @Test
    void parallelToolCallsShouldRunAndTheirResultsGoBackAsToolMessages() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.json(toolCalls(
                            "call_a",
                            "analytics__funnel_summary",
                            SupervisorLoopTest.FUNNEL_INPUT,
                            "call_b",
                            "cloudrun__get_service_status",
                            "{\"service_name\":\"web\",\"region\":\"us-central1\"}")))
                    .then(LoopbackModelServer.Answer.json(text("web is ready; 4 of 10 signed up.")));
            try (SupervisorFixture fixture = fixture(server, 10)) {
                fixture.supervisor.send(null, "how are we doing");
                SupervisorEvent finished = fixture.events.nextFinish();
                assertEquals("completed", finished.json().path("stopReason").asString());
                assertEquals(
                        320, finished.json().path("usage").path("inputTokens").asLong());
                List<LoopbackModelServer.Received> requests = server.received();
                assertEquals("/v1/chat/completions", requests.get(0).path());
                assertEquals(
                        List.of("Bearer sk-test-123456789"),
                        requests.get(0).headers().get("Authorization"));
                JsonNode first = Json.parse(requests.get(0).body());
                JsonNode funnelTool = null;
                for (JsonNode tool : first.path("tools")) {
                    if ("analytics__funnel_summary"
                            .equals(tool.path("function").path("name").asString())) funnelTool = tool;
                }
                assertTrue(funnelTool != null, "the funnel tool is declared: " + first.path("tools"));
                assertTrue(funnelTool
                        .path("function")
                        .path("parameters")
                        .path("properties")
                        .has("funnel"));
                JsonNode messages = Json.parse(requests.get(1).body()).path("messages");
                assertEquals("system", messages.get(0).path("role").asString());
                JsonNode assistant = messages.get(2);
                assertEquals(2, assistant.path("tool_calls").size());
                assertTrue(assistant
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("arguments")
                        .isString());
                assertEquals("tool", messages.get(3).path("role").asString());
                assertEquals("call_a", messages.get(3).path("tool_call_id").asString());
                assertTrue(messages.get(3).path("content").asString().contains("\"users\":4"));
                assertEquals("call_b", messages.get(4).path("tool_call_id").asString());
            }
        }
    }

    @Test
    void argumentsThatAreNotJsonOrBreakTheSchemaShouldBeToldToTheModelWhichRetries() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.json(
                            toolCalls("call_1", "analytics__funnel_summary", "{\"range_days\": 30, \"funnel\": {")))
                    .then(LoopbackModelServer.Answer.json(
                            toolCalls("call_2", "analytics__funnel_summary", "{\"range_days\":\"thirty\"}")))
                    .then(LoopbackModelServer.Answer.json(
                            toolCalls("call_3", "analytics__funnel_summary", SupervisorLoopTest.FUNNEL_INPUT)))
                    .then(LoopbackModelServer.Answer.json(text("done")));
            try (SupervisorFixture fixture = fixture(server, 10)) {
                fixture.supervisor.send(null, "funnel");
                assertEquals(
                        "completed",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                JsonNode second = Json.parse(server.received().get(1).body()).path("messages");
                assertTrue(
                        second.get(second.size() - 1).path("content").asString().contains("not valid JSON"));
                JsonNode third = Json.parse(server.received().get(2).body()).path("messages");
                String refused = third.get(third.size() - 1).path("content").asString();
                assertTrue(refused.startsWith("ERROR:") && refused.contains("/range_days"), refused);
                assertEquals(1, fixture.tools.calls("analytics.funnel_summary"));
            }
        }
    }

    @Test
    void a429ShouldBeRetriedAsRetryAfterSays() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.status(
                            429,
                            "{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit\"}}",
                            Map.of("Retry-After", "0")))
                    .then(LoopbackModelServer.Answer.json(text("hello")));
            try (SupervisorFixture fixture = fixture(server, 10)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "completed",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertEquals(2, server.received().size());
            }
        }
    }

    @Test
    void a500ForeverShouldEndTheTurnWithModelErrorAfterBoundedAttempts() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.always(LoopbackModelServer.Answer.status(
                    500, "{\"error\":{\"message\":\"overloaded\"}}", Map.of("Retry-After", "0")));
            try (SupervisorFixture fixture = fixture(server, 10)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                SupervisorEvent error = fixture.events.ofType("error").get(0);
                assertEquals(
                        ErrorCode.ModelError.code(), error.json().path("code").asInt());
                assertTrue(
                        error.json().path("message").asString().contains("HTTP 500: overloaded"),
                        error.json().toString());
                assertEquals(3, server.received().size());
            }
        }
    }

    @Test
    void aMalformedBodyShouldEndTheTurnWithoutRetrying() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.json("<html>proxy error</html>"));
            try (SupervisorFixture fixture = fixture(server, 10)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertTrue(fixture.events
                        .ofType("error")
                        .get(0)
                        .json()
                        .path("message")
                        .asString()
                        .contains("not JSON"));
                assertEquals(1, server.received().size());
            }
        }
    }

    @Test
    void aServerThatNeverAnswersShouldTimeOutAndBeRetriedThenFail() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.always(LoopbackModelServer.Answer.hold());
            try (SupervisorFixture fixture = fixture(server, 1)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertTrue(fixture.events
                        .ofType("error")
                        .get(0)
                        .json()
                        .path("message")
                        .asString()
                        .contains("did not answer within 1 s"));
                assertEquals(3, server.received().size());
            }
        }
    }
}
