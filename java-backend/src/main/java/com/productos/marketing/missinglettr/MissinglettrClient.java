package com.productos.marketing.missinglettr;

import com.productos.common.KnownSecrets;
import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.marketing.publishing.ProviderUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * REST calls to Missinglettr with the configured auth scheme. 429 and 5xx answers and network errors
 * are retried with exponential backoff (honouring Retry-After) up to {@code maxAttempts}; then the
 * provider counts as unavailable. Other 4xx answers are returned to the caller as the provider's
 * verdict. The API key is put in the header and nowhere else.
 */
public final class MissinglettrClient {
    private static final Logger LOG = LoggerFactory.getLogger(MissinglettrClient.class);
    private final MissinglettrSettings settings;
    private final ApiKeySource keys;
    private final HttpClient http;

    public MissinglettrClient(MissinglettrSettings settings, ApiKeySource keys) {
        this.settings = settings;
        this.keys = keys;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** An answer that is not a 429/5xx: its status and parsed body (null when the body is not JSON). */
    public record Answer(int status, JsonNode body, String rawBody) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Called before each retry of a request: may settle it (e.g. find what a failed POST created). */
    @FunctionalInterface
    public interface BeforeRetry {
        Optional<Answer> check() throws ProviderUnavailable;
    }

    public Answer send(String method, String path, JsonNode body, String idempotencyKey, BeforeRetry beforeRetry)
            throws ProviderUnavailable {
        String authorization;
        try {
            String key = keys.apiKey();
            // A provider may echo the key (in an error text, a 5xx page): it is cut out of every answer below.
            KnownSecrets.add(key);
            authorization = settings.authScheme().header(key);
        } catch (ApiKeySource.ApiKeyUnavailable e) {
            throw new ProviderUnavailable(e.getMessage(), null);
        }
        URI uri = URI.create(settings.baseUrl() + path);
        String lastProblem = "no attempt made";
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1 && beforeRetry != null) {
                Optional<Answer> settled = beforeRetry.check();
                if (settled.isPresent()) return settled.get();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(settings.timeout())
                    .header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            Duration wait = backoff;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                String answered = KnownSecrets.redact(response.body());
                if (status != 429 && status < 500) return new Answer(status, parse(answered), answered);
                String message = messageOf(parse(answered), "");
                lastProblem = "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
                wait = retryAfter(response)
                        .filter(value -> value.compareTo(settings.maxBackoff()) <= 0)
                        .orElse(backoff);
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + KnownSecrets.redact(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailable("interrupted while calling Missinglettr", e);
            }
            LOG.warn(
                    "Missinglettr {} {} attempt {}/{} failed: {}",
                    method,
                    path,
                    attempt,
                    settings.maxAttempts(),
                    lastProblem);
            if (attempt < settings.maxAttempts()) {
                LockSupport.parkNanos(wait.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                        ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        throw new ProviderUnavailable(
                "Missinglettr did not answer after " + settings.maxAttempts() + " attempts (last: " + lastProblem + ")",
                null);
    }

    /** The provider's own words from an error body: detail, message, error(.message), else the raw text. */
    public static String messageOf(JsonNode body, String raw) {
        if (body != null) {
            for (String field : new String[] {"detail", "message", "error_description"}) {
                if (body.path(field).isString()) return body.path(field).asString();
            }
            JsonNode error = body.path("error");
            if (error.isString()) return error.asString();
            if (error.path("message").isString()) return error.path("message").asString();
            if (body.path("errors").isArray() && body.path("errors").size() > 0) return Json.write(body.path("errors"));
        }
        String text = raw == null ? "" : raw.strip();
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return Json.parse(body);
        } catch (JsonParseFailure e) {
            return null;
        }
    }
}
