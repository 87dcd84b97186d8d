package com.productos.observability.cloud;

import com.productos.deploy.cloud.CloudSettings;
import com.productos.deploy.cloud.GoogleCredentialsSource;
import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.observability.LogLine;
import com.productos.observability.LogQuery;
import com.productos.observability.LogSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * logs.tail over Cloud Logging's REST API ({@code POST /v2/entries:list}, newest first, paged until the
 * limit is reached). Service scope uses the Cloud Run filter; run scope reads the run's local log file
 * when this machine ran it, else entries whose structured payload carries {@code run_id}.
 */
public final class CloudLoggingLogSource implements LogSource {
    /** An empty page with a token means "keep paging"; this bounds how long a sparse query may page. */
    private static final int MAX_PAGES = 50;
    private final CloudSettings settings;
    private final GoogleCredentialsSource credentials;
    private final LogSource localRunLogs;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public CloudLoggingLogSource(CloudSettings settings, GoogleCredentialsSource credentials, LogSource localRunLogs, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.localRunLogs = localRunLogs;
        this.clock = clock;
    }

    public static CloudLoggingLogSource create(CloudSettings settings, LogSource localRunLogs, Clock clock) {
        return new CloudLoggingLogSource(settings, new GoogleCredentialsSource(settings), localRunLogs, clock);
    }

    @Override
    public List<LogLine> tail(LogQuery query) throws ExecutorFailure {
        String since = clock.instant().minus(query.since()).toString();
        String filter;
        if (query.scope() == LogQuery.Scope.run) {
            try {
                return localRunLogs.tail(query);
            } catch (ExecutorFailure notHere) {
                if (notHere.httpStatus() != 404) throw notHere;
            }
            filter = "jsonPayload.run_id=" + quote(query.runId()) + " AND timestamp>=" + quote(since);
        } else {
            filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=" + quote(query.serviceName())
                    + (query.region() == null ? "" : " AND resource.labels.location=" + quote(query.region()))
                    + " AND timestamp>=" + quote(since);
        }
        List<LogLine> newestFirst = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES && newestFirst.size() < query.limit(); page++) {
            ObjectNode body = Json.object();
            body.putArray("resourceNames").add("projects/" + settings.project());
            body.put("filter", filter).put("orderBy", "timestamp desc")
                    .put("pageSize", Math.min(1000, query.limit() - newestFirst.size()));
            if (pageToken != null) body.put("pageToken", pageToken);
            JsonNode answer = post("/v2/entries:list", body);
            for (JsonNode entry : answer.path("entries")) {
                if (newestFirst.size() < query.limit()) toLine(entry).ifPresent(newestFirst::add);
            }
            pageToken = answer.path("nextPageToken").isString() ? answer.path("nextPageToken").asString() : null;
            if (pageToken == null || pageToken.isEmpty()) break;
        }
        if (newestFirst.isEmpty() && query.scope() == LogQuery.Scope.service && query.region() != null) {
            requireService(query.serviceName(), query.region());
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static Optional<LogLine> toLine(JsonNode entry) {
        String timestamp = entry.path("timestamp").asString("");
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String text;
        if (entry.path("textPayload").isString()) {
            text = entry.path("textPayload").asString();
        } else if (entry.path("jsonPayload").path("message").isString()) {
            text = entry.path("jsonPayload").path("message").asString();
        } else if (entry.has("jsonPayload")) {
            text = Json.write(entry.path("jsonPayload"));
        } else if (entry.has("httpRequest")) {
            JsonNode request = entry.path("httpRequest");
            text = request.path("requestMethod").asString("") + " " + request.path("requestUrl").asString("") + " "
                    + request.path("status").asString("");
        } else {
            text = Json.write(entry.path("protoPayload"));
        }
        String severity = entry.path("severity").isString() ? entry.path("severity").asString() : null;
        return Optional.of(new LogLine(at, severity, text));
    }

    private void requireService(String service, String region) throws ExecutorFailure {
        String path = "/v2/projects/" + settings.project() + "/locations/" + region + "/services/" + service;
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.runEndpoint() + path)).GET(), "Cloud Run");
        if (response.statusCode() == 404) {
            throw ExecutorFailure.notFound("Cloud Run service " + service + " does not exist in " + region
                    + " (project " + settings.project() + "); check service_name and region");
        }
    }

    private JsonNode post(String path, JsonNode body) throws ExecutorFailure {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.loggingEndpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), "Cloud Logging");
        if (response.statusCode() / 100 != 2) {
            String message = errorMessage(response.body());
            int status = response.statusCode();
            if (status == 401) {
                throw new ExecutorFailure(401, "credentials_rejected", "Cloud Logging did not accept the credentials ("
                        + message + "); check deploy.cloudrun.credentials_file or GOOGLE_APPLICATION_CREDENTIALS");
            }
            if (status == 403) {
                throw new ExecutorFailure(403, "permission_denied", "Cloud Logging refused to list entries (" + message
                        + "); grant roles/logging.viewer on project " + settings.project());
            }
            if (status == 400) throw ExecutorFailure.badRequest("Cloud Logging rejected the query: " + message, null);
            throw new ExecutorFailure(502, "cloud_error", "Cloud Logging answered HTTP " + status + ": " + message);
        }
        try {
            return Json.parse(response.body());
        } catch (JsonParseFailure e) {
            throw new ExecutorFailure(502, "cloud_error", "Cloud Logging answered with something that is not JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws ExecutorFailure {
        credentials.authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ExecutorFailure.unavailable(what + " is unreachable (" + e.getClass().getSimpleName() + "); check the network and retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExecutorFailure.unavailable("interrupted while reading logs");
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode error = Json.parse(body).path("error");
            return error.path("message").asString(error.path("status").asString("no message"));
        } catch (JsonParseFailure e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
