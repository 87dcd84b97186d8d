package com.productos.observability.cloud;

import com.productos.executors.ExecutorFailure;
import com.productos.googlecloud.CloudSettings;
import com.productos.googlecloud.GoogleCredentialsSource;
import com.productos.googlecloud.GoogleRest;
import com.productos.json.Json;
import com.productos.logfiles.LogLine;
import com.productos.observability.LogQuery;
import com.productos.observability.LogSource;
import java.time.Clock;
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
    private final LogSource localRunLogs;
    private final Clock clock;
    private final GoogleRest loggingRest;
    private final GoogleRest runRest;

    public CloudLoggingLogSource(
            CloudSettings settings, GoogleCredentialsSource credentials, LogSource localRunLogs, Clock clock) {
        this.settings = settings;
        this.loggingRest = new GoogleRest("Cloud Logging", settings.loggingEndpoint(), credentials);
        this.runRest = new GoogleRest("Cloud Run", settings.runEndpoint(), credentials);
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
            filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name="
                    + quote(query.serviceName())
                    + (query.region() == null ? "" : " AND resource.labels.location=" + quote(query.region()))
                    + " AND timestamp>=" + quote(since);
        }
        List<LogLine> newestFirst = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES && newestFirst.size() < query.limit(); page++) {
            ObjectNode body = Json.object();
            body.putArray("resourceNames").add("projects/" + settings.project());
            body.put("filter", filter)
                    .put("orderBy", "timestamp desc")
                    .put("pageSize", Math.min(1000, query.limit() - newestFirst.size()));
            if (pageToken != null) body.put("pageToken", pageToken);
            JsonNode answer =
                    loggingRest.post("/v2/entries:list", body, "roles/logging.viewer on project " + settings.project());
            for (JsonNode entry : answer.path("entries")) {
                if (newestFirst.size() < query.limit()) toLine(entry).ifPresent(newestFirst::add);
            }
            pageToken = answer.path("nextPageToken").isString()
                    ? answer.path("nextPageToken").asString()
                    : null;
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
            text = request.path("requestMethod").asString("") + " "
                    + request.path("requestUrl").asString("") + " "
                    + request.path("status").asString("");
        } else {
            text = Json.write(entry.path("protoPayload"));
        }
        String severity =
                entry.path("severity").isString() ? entry.path("severity").asString() : null;
        return Optional.of(new LogLine(at, severity, text));
    }

    private void requireService(String service, String region) throws ExecutorFailure {
        try {
            runRest.get(
                    "/v2/projects/" + settings.project() + "/locations/" + region + "/services/" + service,
                    "roles/run.viewer");
        } catch (ExecutorFailure failure) {
            if (failure.httpStatus() != 404) throw failure;
            throw ExecutorFailure.notFound("Cloud Run service " + service + " does not exist in " + region
                    + " (project " + settings.project() + "); check service_name and region");
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
