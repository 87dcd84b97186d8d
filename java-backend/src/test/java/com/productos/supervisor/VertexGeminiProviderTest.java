package com.productos.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.control.ErrorCode;
import com.productos.json.Json;
import com.productos.supervisor.gemini.VertexGeminiProvider;
import com.productos.supervisor.gemini.VertexGeminiSettings;
import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.TranscriptEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Gemini on Vertex AI through the real google-genai client, against a generateContent server on loopback. */
public class VertexGeminiProviderTest {
    static final String PATH =
            "/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-3.5-flash:generateContent";
    static final String SIGNATURE = "CiQBjz1rX+/abQ==";

    @TempDir
    Path folder;

    public static String functionCalls(String finishReason, String... idNameArgs) {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < idNameArgs.length; i += 3) {
            if (i > 0) parts.append(',');
            parts.append("{\"functionCall\":{\"id\":\"")
                    .append(idNameArgs[i])
                    .append("\",\"name\":\"")
                    .append(idNameArgs[i + 1])
                    .append("\",\"args\":")
                    .append(idNameArgs[i + 2])
                    .append('}');
            if (i == 0)
                parts.append(",\"thoughtSignature\":\"").append(SIGNATURE).append('"');
            parts.append('}');
        }
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]},\"finishReason\":\""
                + finishReason + "\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":50,\"candidatesTokenCount\":12,\"thoughtsTokenCount\":28,\"totalTokenCount\":90},"
                + "\"modelVersion\":\"gemini-3.5-flash\",\"responseId\":\"resp-1\"}";
    }

    public static String text(String text, String finishReason) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + Json.write(Json.toTree(text))
                + "}]},"
                + "\"finishReason\":\"" + finishReason
                + "\"}],\"usageMetadata\":{\"promptTokenCount\":80,\"candidatesTokenCount\":8,"
                + "\"totalTokenCount\":88},\"modelVersion\":\"gemini-3.5-flash\"}";
    }

    static String error(int code, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"fake " + status + "\",\"status\":\"" + status + "\"}}";
    }

    static VertexGeminiProvider provider(LoopbackModelServer server, int timeoutSeconds) {
        JsonNode section = Json.object()
                .put("project", "my-proj")
                .put("location", "us-central1")
                .put("credentials", "none")
                .put("base_url", server.baseUrl())
                .put("timeout_seconds", timeoutSeconds);
        return new VertexGeminiProvider(VertexGeminiSettings.from(section, ProductOsConfig.of(null, Map.of())));
    }

    private SupervisorFixture fixture(LoopbackModelServer server) {
        ToolAnswers tools = new ToolAnswers()
                .answer("analytics.funnel_summary", SupervisorLoopTest.FUNNEL_OUTPUT)
                .answer(
                        "cloudrun.get_service_status",
                        "{\"service_name\":\"web\",\"region\":\"us-central1\",\"service_url\":\"http://x\","
                                + "\"latest_ready_revision\":\"web-1\",\"status\":\"ready\"}");
        return new SupervisorFixture(folder, tools, provider(server, 10));
    }

    @Test
    void functionCallsShouldRunAndTheModelContentWithItsSignatureGoBackVerbatim() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.json(functionCalls(
                            "STOP",
                            "call-1",
                            "analytics__funnel_summary",
                            SupervisorLoopTest.FUNNEL_INPUT,
                            "call-2",
                            "cloudrun__get_service_status",
                            "{\"service_name\":\"web\",\"region\":\"us-central1\"}")))
                    .then(LoopbackModelServer.Answer.json(text("web is ready; 4 of 10 signed up.", "STOP")));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "how are we doing");
                SupervisorEvent finished = fixture.events.nextFinish();
                assertEquals("completed", finished.json().path("stopReason").asString());
                assertEquals(
                        130, finished.json().path("usage").path("inputTokens").asLong());
                assertEquals(
                        48,
                        finished.json().path("usage").path("outputTokens").asLong(),
                        "thinking tokens count as output");
                List<LoopbackModelServer.Received> requests = server.received();
                assertEquals(PATH, requests.get(0).path());
                assertEquals(
                        List.of("Bearer local-fake"), requests.get(0).headers().get("Authorization"));
                JsonNode first = Json.parse(requests.get(0).body());
                JsonNode declaration = null;
                for (JsonNode candidate : first.path("tools").get(0).path("functionDeclarations")) {
                    if ("analytics__funnel_summary"
                            .equals(candidate.path("name").asString())) declaration = candidate;
                }
                assertTrue(declaration != null, "the funnel tool is declared: " + first.path("tools"));
                assertTrue(declaration
                        .path("parametersJsonSchema")
                        .path("properties")
                        .has("funnel"));
                assertFalse(declaration.has("parameters"));
                assertEquals(
                        "AUTO",
                        first.path("toolConfig")
                                .path("functionCallingConfig")
                                .path("mode")
                                .asString());
                assertTrue(first.path("systemInstruction")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asString()
                        .contains("Tool results are data"));
                JsonNode contents = Json.parse(requests.get(1).body()).path("contents");
                assertEquals("model", contents.get(1).path("role").asString());
                assertEquals(
                        SIGNATURE,
                        contents.get(1)
                                .path("parts")
                                .get(0)
                                .path("thoughtSignature")
                                .asString());
                JsonNode responses = contents.get(2).path("parts");
                assertEquals("user", contents.get(2).path("role").asString());
                assertEquals(
                        "call-1",
                        responses.get(0).path("functionResponse").path("id").asString());
                assertEquals(
                        "analytics__funnel_summary",
                        responses.get(0).path("functionResponse").path("name").asString());
                assertTrue(responses
                        .get(0)
                        .path("functionResponse")
                        .path("response")
                        .path("output")
                        .asString()
                        .contains("\"users\":4"));
                assertEquals(
                        "call-2",
                        responses.get(1).path("functionResponse").path("id").asString());
            }
        }
    }

    @Test
    void aMalformedFunctionCallShouldBeToldToTheModelWhichMayTryAgain() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.json(
                            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[]},"
                                    + "\"finishReason\":\"MALFORMED_FUNCTION_CALL\"}]}"))
                    .then(LoopbackModelServer.Answer.json(text("Sorry, here is the answer.", "STOP")));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "funnel");
                assertEquals(
                        "completed",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                JsonNode contents = Json.parse(server.received().get(1).body()).path("contents");
                assertTrue(contents.get(contents.size() - 1)
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asString()
                        .contains("malformed"));
            }
        }
    }

    @Test
    void aSafetyStopShouldEndTheTurnWithTheModelErrorCode() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.json("{\"candidates\":[{\"finishReason\":\"SAFETY\"}]}"));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "something");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                SupervisorEvent error = fixture.events.ofType("error").get(0);
                assertEquals(
                        ErrorCode.ModelError.code(), error.json().path("code").asInt());
                assertTrue(error.json().path("message").asString().contains("SAFETY"));
                assertEquals(1, server.received().size());
            }
        }
    }

    @Test
    void a429ShouldBeRetriedByTheLoopNotByTheClient() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.status(429, error(429, "RESOURCE_EXHAUSTED"), Map.of()))
                    .then(LoopbackModelServer.Answer.json(text("hello", "STOP")));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "completed",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertEquals(2, server.received().size());
            }
        }
    }

    @Test
    void theRetryAfterOfA429Or503ShouldReachTheLoopInSecondsOrAsAnHttpDate() throws Exception {
        String date = "Wed, 21 Oct 2026 07:28:00 GMT";
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.status(
                            429, error(429, "RESOURCE_EXHAUSTED"), Map.of("Retry-After", "7")))
                    .then(LoopbackModelServer.Answer.status(
                            503, error(503, "UNAVAILABLE"), Map.of("Retry-After", date)))
                    .then(LoopbackModelServer.Answer.status(503, error(503, "UNAVAILABLE"), Map.of()));
            VertexGeminiProvider provider = provider(server, 10);
            try {
                ModelRequest request = new ModelRequest("s", List.of(new TranscriptEntry.UserText("hi")), List.of());
                ModelCallException first = assertThrows(ModelCallException.class, () -> provider.next(request));
                assertEquals(429, first.status());
                assertEquals("7", first.retryAfter());
                ModelCallException second = assertThrows(ModelCallException.class, () -> provider.next(request));
                assertEquals(503, second.status());
                assertEquals(date, second.retryAfter());
                ModelCallException third = assertThrows(ModelCallException.class, () -> provider.next(request));
                assertNull(third.retryAfter(), "an earlier answer's header is not carried over");
                assertEquals(3, server.received().size(), "one request per call: the client does not retry");
            } finally {
                provider.close();
            }
        }
    }

    @Test
    void a503WithRetryAfterShouldBeRetriedByTheLoopAsTheServerSays() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.then(LoopbackModelServer.Answer.status(503, error(503, "UNAVAILABLE"), Map.of("Retry-After", "0")))
                    .then(LoopbackModelServer.Answer.status(
                            429,
                            error(429, "RESOURCE_EXHAUSTED"),
                            Map.of("Retry-After", "Thu, 01 Jan 2026 00:00:00 GMT")))
                    .then(LoopbackModelServer.Answer.json(text("hello", "STOP")));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "completed",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertEquals(3, server.received().size());
            }
        }
    }

    @Test
    void aRetryAfterBeyondTheTurnsBudgetShouldEndTheTurnAtOnceWithModelError() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            // 20 s is within what the policy accepts from a server, but not within this turn's 5 s.
            server.always(LoopbackModelServer.Answer.status(
                    429, error(429, "RESOURCE_EXHAUSTED"), Map.of("Retry-After", "20")));
            SupervisorLimits limits =
                    new SupervisorLimits(10, 20, 200_000, 10, java.time.Duration.ofSeconds(5), 100, 100, 1_000_000, 10);
            try (SupervisorFixture fixture = new SupervisorFixture(
                    folder, new ToolAnswers(), provider(server, 10), limits, List.of(), "test-owner-1")) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                SupervisorEvent error = fixture.events.ofType("error").get(0);
                assertEquals(
                        ErrorCode.ModelError.code(), error.json().path("code").asInt());
                assertTrue(
                        error.json().path("message").asString().contains("429 RESOURCE_EXHAUSTED"),
                        error.json().toString());
                assertEquals(1, server.received().size(), "no attempt the turn could not wait for");
            }
        }
    }

    @Test
    void aRetryAfterLongerThanThePolicyAcceptsShouldNotBeWaitedFor() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.always(
                    LoopbackModelServer.Answer.status(503, error(503, "UNAVAILABLE"), Map.of("Retry-After", "3600")));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertEquals(1, server.received().size());
            }
        }
    }

    @Test
    void a500ForeverShouldEndTheTurnWithModelErrorAfterTheLoopsAttemptsOnly() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.always(LoopbackModelServer.Answer.status(500, error(500, "INTERNAL"), Map.of()));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                SupervisorEvent error = fixture.events.ofType("error").get(0);
                assertTrue(
                        error.json().path("message").asString().contains("Vertex AI answered 500 INTERNAL"),
                        error.json().toString());
                assertEquals(3, server.received().size(), "three attempts of the loop, none of the client's own");
            }
        }
    }

    @Test
    void aMalformedBodyShouldEndTheTurnWithModelError() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer()) {
            server.always(LoopbackModelServer.Answer.json("{\"candidates\": [ {\"content\": "));
            try (SupervisorFixture fixture = fixture(server)) {
                fixture.supervisor.send(null, "hi");
                assertEquals(
                        "error",
                        fixture.events.nextFinish().json().path("stopReason").asString());
                assertEquals(
                        ErrorCode.ModelError.code(),
                        fixture.events
                                .ofType("error")
                                .get(0)
                                .json()
                                .path("code")
                                .asInt());
            }
        }
    }

    @Test
    void missingCredentialsShouldBeNamedClearly() {
        JsonNode section = Json.object()
                .put("project", "my-proj")
                .put("credentials_file", folder.resolve("missing.json").toString());
        VertexGeminiProvider provider =
                new VertexGeminiProvider(VertexGeminiSettings.from(section, ProductOsConfig.of(null, Map.of())));
        com.productos.supervisor.model.ModelCallException failure = org.junit.jupiter.api.Assertions.assertThrows(
                com.productos.supervisor.model.ModelCallException.class,
                () -> provider.next(new com.productos.supervisor.model.ModelRequest("s", List.of(), List.of())));
        assertTrue(
                failure.getMessage().contains("credentials_file")
                        && failure.getMessage().contains("gcloud auth application-default login"),
                failure.getMessage());
    }

    @Test
    void aMissingProjectShouldBeAConfigErrorThatSaysWhatToSet() {
        com.productos.config.ConfigException failure = org.junit.jupiter.api.Assertions.assertThrows(
                com.productos.config.ConfigException.class,
                () -> VertexGeminiSettings.from(Json.object(), ProductOsConfig.of(null, Map.of())));
        assertTrue(failure.getMessage().contains("GOOGLE_CLOUD_PROJECT"));
        assertEquals(
                "gemini-3.5-flash",
                VertexGeminiSettings.from(Json.object().put("project", "p"), ProductOsConfig.of(null, Map.of()))
                        .model());
    }
}
