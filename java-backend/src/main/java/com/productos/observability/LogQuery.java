package com.productos.observability;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputFields;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A logs.tail input, read and checked: either a service (region optional) or a run id. */
public record LogQuery(Scope scope, String serviceName, String region, String runId, int limit, Duration since) {
    public enum Scope {
        service,
        run
    }

    static final int DEFAULT_LIMIT = 200;
    static final int DEFAULT_SINCE_SECONDS = 900;

    public static LogQuery fromInput(JsonNode input) throws ExecutorFailure {
        String scopeText = InputFields.requiredText(input, "scope");
        Scope scope;
        try {
            scope = Scope.valueOf(scopeText);
        } catch (IllegalArgumentException e) {
            throw InputFields.invalid("/scope", "scope must be 'service' or 'run', was '" + scopeText + "'");
        }
        int limit = input.path("limit").asInt(DEFAULT_LIMIT);
        if (limit < 1 || limit > 2000)
            throw InputFields.invalid("/limit", "limit must be between 1 and 2000, was " + limit);
        int sinceSeconds = input.path("since_seconds").asInt(DEFAULT_SINCE_SECONDS);
        if (sinceSeconds < 1 || sinceSeconds > 86400) {
            throw InputFields.invalid(
                    "/since_seconds", "since_seconds must be between 1 and 86400, was " + sinceSeconds);
        }
        String service = null;
        String runId = null;
        if (scope == Scope.service) {
            if (InputFields.optionalText(input, "service_name") == null) {
                throw InputFields.invalid("/service_name", "service_name is required when scope is 'service'");
            }
            service = InputFields.serviceName(input, "service_name");
        } else {
            runId = InputFields.optionalText(input, "run_id");
            if (runId == null) throw InputFields.invalid("/run_id", "run_id is required when scope is 'run'");
            if (!runId.matches("[A-Za-z0-9._-]{1,128}") || runId.startsWith(".")) {
                throw InputFields.invalid(
                        "/run_id", "run_id '" + runId + "' is not a run id (letters, digits, '.', '_', '-')");
            }
        }
        return new LogQuery(
                scope,
                service,
                InputFields.optionalText(input, "region"),
                runId,
                limit,
                Duration.ofSeconds(sinceSeconds));
    }
}
