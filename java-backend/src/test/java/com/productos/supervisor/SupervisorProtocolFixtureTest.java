package com.productos.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.rpc.protocol.RpcMethods;
import com.productos.supervisor.session.SessionStatus;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** registry/supervisor-protocol.json (the chat panel tests against it too) and the Java side say the same. */
class SupervisorProtocolFixtureTest {
    private static final Path FIXTURE = Path.of("..", "registry", "supervisor-protocol.json");

    @TempDir
    Path folder;

    private static JsonNode fixture() throws Exception {
        return Json.parse(Files.readString(FIXTURE));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void theRequestsAndTheNotificationShouldBeTheOnesTheServerAnswers() throws Exception {
        Set<String> requests = names(fixture().path("requests"));
        Set<String> java = new TreeSet<>();
        for (String method : RpcMethods.REQUESTS) {
            if (method.startsWith(RpcMethods.SUPERVISOR + "/") || method.startsWith(RpcMethods.SESSIONS + "/"))
                java.add(method);
        }
        assertEquals(java, requests);
        assertEquals(Set.of(RpcMethods.SUPERVISOR_EVENT), names(fixture().path("notifications")));
    }

    @Test
    void theEventTypesStopReasonsAndStatusesShouldMatch() throws Exception {
        Set<String> types = new TreeSet<>();
        for (Field field : SupervisorEvent.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                types.add((String) field.get(null));
        }
        JsonNode notification = fixture().path("notifications").path("supervisor/event");
        assertEquals(types, names(notification.path("types")));
        String stopReasons = notification
                .path("types")
                .path("turn_finished")
                .path("stopReason")
                .asString();
        assertEquals(
                Arrays.stream(StopReason.values()).map(StopReason::wireName).toList(),
                List.of(stopReasons.split("\\|")));
        String statuses = fixture()
                .path("requests")
                .path("sessions/list")
                .path("result")
                .path("sessions")
                .get(0)
                .path("status")
                .asString();
        assertEquals(
                Arrays.stream(SessionStatus.values())
                        .map(SessionStatus::wireName)
                        .toList(),
                List.of(statuses.split("\\|")));
    }

    @Test
    void everyEventTheLoopSendsShouldHaveTheFieldsTheFixtureGivesItsType() throws Exception {
        JsonNode notification = fixture().path("notifications").path("supervisor/event");
        ScriptedModel model = new ScriptedModel()
                .then(SupervisorLoopTest.call("c1", "analytics__funnel_summary", "{\"range_days\":0}"))
                .then(SupervisorLoopTest.call("c2", "analytics__funnel_summary", SupervisorLoopTest.FUNNEL_INPUT))
                .then(SupervisorLoopTest.call(
                        "c3", "marketing__publish_missinglettr", SupervisorLoopTest.PUBLISH_INPUT))
                .then(SupervisorLoopTest.say("done"))
                .then(request -> {
                    throw com.productos.supervisor.model.ModelCallException.unusable("broken");
                });
        ToolAnswers tools = new ToolAnswers()
                .answer("analytics.funnel_summary", SupervisorLoopTest.FUNNEL_OUTPUT)
                .answer("marketing.publish_missinglettr", SupervisorLoopTest.PUBLISH_OUTPUT);
        try (SupervisorFixture fixture = new SupervisorFixture(folder, tools, model)) {
            SendReceipt receipt = fixture.supervisor.send(null, "go");
            fixture.events.nextFinish();
            String approvalId = fixture.events
                    .ofType("approval_needed")
                    .get(0)
                    .json()
                    .path("approvalId")
                    .asString();
            fixture.controlPlane.decide(approvalId, true, "user:test", null);
            fixture.events.nextFinish();
            fixture.supervisor.send(receipt.sessionId(), "again");
            fixture.events.nextFinish();
            Set<String> seen = new HashSet<>();
            for (SupervisorEvent event : fixture.events.all()) {
                Set<String> allowed = new HashSet<>(names(notification.path("common")));
                JsonNode typeFields = notification.path("types").path(event.type());
                allowed.addAll(names(typeFields));
                assertTrue(
                        allowed.containsAll(names(event.json())),
                        event.type() + " has fields outside the fixture: " + event.json());
                for (Map.Entry<String, JsonNode> field : typeFields.properties()) {
                    boolean optional = field.getValue().isString()
                                    && field.getValue().asString().contains("optional")
                            || field.getKey().equals("error")
                            || field.getKey().equals("output");
                    assertTrue(
                            optional || event.json().has(field.getKey()),
                            event.type() + " lacks " + field.getKey() + ": " + event.json());
                }
                seen.add(event.type());
            }
            assertEquals(names(notification.path("types")), new TreeSet<>(seen), "the run covers every event type");
        }
    }
}
