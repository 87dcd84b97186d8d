package com.productos.deploy.cloud;

import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Revision;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.run.v2.TrafficTargetStatus;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import com.productos.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cloud Build v1, Cloud Run Admin v2 and Cloud Logging v2 on a loopback port, speaking their REST
 * wire format: proto JSON with integer enums, Operations polled until done (each operation answers
 * "not done" once), PATCH sent as POST with X-HTTP-Method-Override, paged lists, google.rpc errors.
 * A container with env SAMPLE_FAIL_AT_START=1 makes its revision fail to become ready, as the sample
 * service does.
 */
final class FakeGoogleCloud implements AutoCloseable {
    record Request(String method, String path, String query, Map<String, String> headers, String body) {}

    private static final JsonFormat.TypeRegistry TYPES =
            JsonFormat.TypeRegistry.newBuilder().add(Service.getDescriptor()).build();
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().usingTypeRegistry(TYPES).printingEnumsAsInts();
    private static final JsonFormat.Parser PARSER =
            JsonFormat.parser().usingTypeRegistry(TYPES).ignoringUnknownFields();
    private static final Pattern SERVICE = Pattern.compile("/v2/projects/([^/]+)/locations/([^/]+)/services/([^/:]+)");

    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Cloud Build status the next builds end with (SUCCESS, FAILURE, ...). */
    volatile String buildOutcome = "SUCCESS";
    /** When true, operations never finish (to test the operation time limit). */
    volatile boolean operationsHang;
    /** HTTP status every call answers with instead of working (0 = work normally). */
    volatile int failEverythingWith;

    final List<ObjectNode> logEntries = new CopyOnWriteArrayList<>();

    private final HttpServer server;
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, List<Revision>> revisions = new HashMap<>();
    private final Map<String, Policy> policies = new HashMap<>();
    private final Map<String, Message> operationResults = new HashMap<>();
    private final Map<String, ObjectNode> buildResults = new HashMap<>();
    private final Map<String, Status> operationErrors = new HashMap<>();
    private final Map<String, Integer> operationPolls = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger clockSeconds = new AtomicInteger(1_700_000_000);

    FakeGoogleCloud() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized Service service(String name) {
        return services.get(name);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String method = headers.getOrDefault("x-http-method-override", exchange.getRequestMethod());
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery() == null
                    ? ""
                    : exchange.getRequestURI().getQuery();
            requests.add(new Request(method, path, query, headers, body));
            if (failEverythingWith != 0) {
                error(
                        exchange,
                        failEverythingWith,
                        failEverythingWith == 401 ? "UNAUTHENTICATED" : "PERMISSION_DENIED",
                        "Request had invalid authentication credentials.");
                return;
            }
            route(exchange, method, path, query, body);
        } catch (RuntimeException | InvalidProtocolBufferException e) {
            error(exchange, 500, "INTERNAL", "fake failed: " + e);
        }
    }

    private void route(HttpExchange exchange, String method, String path, String query, String body)
            throws IOException, InvalidProtocolBufferException {
        Matcher service = SERVICE.matcher(path);
        boolean isService = service.lookingAt();
        if (method.equals("POST") && path.matches("/v1/projects/[^/]+/builds")) {
            createBuild(exchange, path.split("/")[3], body);
        } else if (method.equals("GET")
                && (path.startsWith("/v1/operations/")
                        || path.matches("/v2/projects/[^/]+/locations/[^/]+/operations/.+"))) {
            pollOperation(exchange, path.substring(4));
        } else if (method.equals("POST") && path.matches("/v2/projects/[^/]+/locations/[^/]+/services")) {
            String id = query.replaceAll(".*serviceId=([^&]+).*", "$1");
            Service.Builder requested = Service.newBuilder();
            PARSER.merge(body, requested);
            String name = path.substring(4) + "/" + id;
            if (services.containsKey(name)) {
                error(exchange, 409, "ALREADY_EXISTS", "Resource '" + id + "' already exists.");
                return;
            }
            reply(exchange, 200, print(deployService(name, requested.build(), null)));
        } else if (isService && path.endsWith(":getIamPolicy")) {
            reply(exchange, 200, print(policies.getOrDefault(resource(path), Policy.getDefaultInstance())));
        } else if (isService && path.endsWith(":setIamPolicy")) {
            SetIamPolicyRequest.Builder request = SetIamPolicyRequest.newBuilder();
            PARSER.merge(body, request);
            policies.put(resource(path), request.getPolicy());
            reply(exchange, 200, print(request.getPolicy()));
        } else if (isService && path.endsWith("/revisions") && method.equals("GET")) {
            listRevisions(exchange, path.substring(4, path.length() - "/revisions".length()), query);
        } else if (isService && method.equals("GET")) {
            Service found = services.get(path.substring(4));
            if (found == null)
                error(
                        exchange,
                        404,
                        "NOT_FOUND",
                        "Resource '" + service.group(3) + "' of kind 'SERVICE' does not exist.");
            else reply(exchange, 200, print(found));
        } else if (isService && method.equals("PATCH")) {
            Service existing = services.get(path.substring(4));
            if (existing == null) {
                error(
                        exchange,
                        404,
                        "NOT_FOUND",
                        "Resource '" + service.group(3) + "' of kind 'SERVICE' does not exist.");
                return;
            }
            Service.Builder requested = Service.newBuilder();
            PARSER.merge(body, requested);
            reply(exchange, 200, print(deployService(path.substring(4), requested.build(), existing)));
        } else if (method.equals("POST") && path.equals("/v2/entries:list")) {
            listEntries(exchange, Json.parse(body));
        } else {
            error(exchange, 404, "NOT_FOUND", "no route " + method + " " + path);
        }
    }

    private static String resource(String path) {
        return path.substring(4, path.lastIndexOf(':'));
    }

    /** Cloud Build REST: the build request as JSON, the operation's build in metadata, statuses as strings. */
    private void createBuild(HttpExchange exchange, String project, String body) throws IOException {
        ObjectNode build = (ObjectNode) Json.parse(body);
        String id = "build-" + ids.incrementAndGet();
        build.put("id", id)
                .put("projectId", project)
                .put("status", "QUEUED")
                .put("logUrl", "https://console.cloud.google.com/cloud-build/builds/" + id);
        ObjectNode finished = build.deepCopy().put("status", buildOutcome);
        finished.put("@type", "type.googleapis.com/google.devtools.cloudbuild.v1.Build");
        if (buildOutcome.equals("SUCCESS")) {
            ArrayNode images = finished.putObject("results").putArray("images");
            for (JsonNode image : build.path("images")) {
                images.addObject().put("name", image.asString()).put("digest", "sha256:" + Json.sha256Hex(id));
            }
        } else {
            finished.put(
                    "statusDetail",
                    "Build step 0 \"gcr.io/cloud-builders/docker\" failed: step exited with non-zero status: 1");
        }
        String operation = "operations/build/" + project + "/" + id;
        buildResults.put(operation, finished);
        ObjectNode answer = Json.object().put("name", operation);
        answer.putObject("metadata")
                .put("@type", "type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata")
                .set("build", build);
        reply(exchange, 200, Json.write(answer));
    }

    private void pollOperation(HttpExchange exchange, String name) throws IOException {
        int polls = operationPolls.merge(name, 1, Integer::sum);
        if (buildResults.containsKey(name)) {
            ObjectNode answer = Json.object().put("name", name);
            if (polls >= 2 && !operationsHang) answer.put("done", true).set("response", buildResults.get(name));
            reply(exchange, 200, Json.write(answer));
            return;
        }
        if (!operationResults.containsKey(name) && !operationErrors.containsKey(name)) {
            error(exchange, 404, "NOT_FOUND", "operation " + name + " not found");
            return;
        }
        Operation.Builder operation = Operation.newBuilder().setName(name);
        if (polls >= 2 && !operationsHang) {
            operation.setDone(true);
            if (operationErrors.containsKey(name)) operation.setError(operationErrors.get(name));
            else operation.setResponse(Any.pack(operationResults.get(name)));
        }
        reply(exchange, 200, print(operation.build()));
    }

    /** Creates or updates a service the way Cloud Run does; returns the not-yet-done operation. */
    private Operation deployService(String name, Service requested, Service existing) {
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        List<Revision> kept = revisions.computeIfAbsent(name, n -> new ArrayList<>());
        Service.Builder next = (existing == null ? Service.newBuilder() : existing.toBuilder())
                .setName(name)
                .setTemplate(requested.getTemplate())
                .clearTraffic()
                .addAllTraffic(requested.getTrafficList())
                .setIngress(requested.getIngress())
                .setUri("https://" + shortName + "-abc123-uc.a.run.app")
                .setGeneration(existing == null ? 1 : existing.getGeneration() + 1)
                .setUpdateTime(now());
        boolean templateChanged = existing == null || !existing.getTemplate().equals(requested.getTemplate());
        String operation = name.substring(0, name.indexOf("/services/")) + "/operations/op-" + ids.incrementAndGet();
        String createdRevision = next.getLatestCreatedRevision();
        boolean failed = false;
        if (templateChanged) {
            createdRevision = String.format("%s/revisions/%s-%05d-x%d", name, shortName, kept.size() + 1, ids.get());
            failed = requested.getTemplate().getContainers(0).getEnvList().stream()
                    .anyMatch(env -> env.getName().equals("SAMPLE_FAIL_AT_START")
                            && env.getValue().equals("1"));
            kept.add(Revision.newBuilder()
                    .setName(createdRevision)
                    .setService(name)
                    .setCreateTime(now())
                    .setGeneration(kept.size() + 1)
                    .addConditions(Condition.newBuilder()
                            .setType("Ready")
                            .setState(failed ? Condition.State.CONDITION_FAILED : Condition.State.CONDITION_SUCCEEDED))
                    .build());
            next.setLatestCreatedRevision(createdRevision);
        }
        if (failed) {
            next.setTerminalCondition(
                    Condition.newBuilder()
                            .setType("Ready")
                            .setState(Condition.State.CONDITION_FAILED)
                            .setMessage(
                                    "Revision '" + shortOf(createdRevision) + "' is not ready and cannot serve traffic."
                                            + " The user-provided container failed to start and listen on the port defined by PORT=8080."));
            next.setObservedGeneration(next.getGeneration());
            services.put(name, next.build());
            operationErrors.put(
                    operation,
                    Status.newBuilder()
                            .setCode(9)
                            .setMessage(next.getTerminalCondition().getMessage())
                            .build());
        } else {
            if (templateChanged) next.setLatestReadyRevision(createdRevision);
            next.setTerminalCondition(
                            Condition.newBuilder().setType("Ready").setState(Condition.State.CONDITION_SUCCEEDED))
                    .setObservedGeneration(next.getGeneration())
                    .setReconciling(false);
            next.clearTrafficStatuses();
            for (TrafficTarget target : requested.getTrafficList()) {
                boolean latest = target.getType() == TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST;
                next.addTrafficStatuses(TrafficTargetStatus.newBuilder()
                        .setType(target.getType())
                        .setPercent(target.getPercent())
                        .setRevision(latest ? shortOf(next.getLatestReadyRevision()) : target.getRevision()));
            }
            services.put(name, next.build());
            operationResults.put(operation, next.build());
        }
        return Operation.newBuilder()
                .setName(operation)
                .setMetadata(Any.pack(next.build()))
                .build();
    }

    private void listRevisions(HttpExchange exchange, String service, String query) throws IOException {
        List<Revision> kept = revisions.getOrDefault(service, List.of());
        // Two revisions a page, whatever pageSize says, so that every listing pages.
        int start = query.contains("pageToken=") ? Integer.parseInt(query.replaceAll(".*pageToken=(\\d+).*", "$1")) : 0;
        ObjectNode page = Json.object();
        ArrayNode list = page.putArray("revisions");
        for (int i = start; i < Math.min(kept.size(), start + 2); i++) list.add(Json.parse(print(kept.get(i))));
        if (start + 2 < kept.size()) page.put("nextPageToken", Integer.toString(start + 2));
        reply(exchange, 200, Json.write(page));
    }

    private void listEntries(HttpExchange exchange, JsonNode request) throws IOException {
        String filter = request.path("filter").asString();
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode entry : logEntries) {
            String service =
                    entry.path("resource").path("labels").path("service_name").asString();
            if (filter.contains("resource.labels.service_name=\"" + service + "\"")) matching.add(entry);
        }
        matching.sort((a, b) ->
                b.path("timestamp").asString().compareTo(a.path("timestamp").asString()));
        String token = request.path("pageToken").asString("");
        ObjectNode page = Json.object();
        ArrayNode entries = page.putArray("entries");
        if (token.isEmpty()) {
            // Real Cloud Logging may answer an empty page that still has a token.
            if (!matching.isEmpty()) page.put("nextPageToken", "0");
        } else {
            int start = Integer.parseInt(token);
            int size = request.path("pageSize").asInt(50);
            for (int i = start; i < Math.min(matching.size(), start + size); i++) entries.add(matching.get(i));
            if (start + size < matching.size()) page.put("nextPageToken", Integer.toString(start + size));
        }
        reply(exchange, 200, Json.write(page));
    }

    private Timestamp now() {
        return Timestamp.newBuilder().setSeconds(clockSeconds.addAndGet(10)).build();
    }

    private static String shortOf(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String print(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", status).put("message", message).put("status", code);
        reply(exchange, status, Json.write(body));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
