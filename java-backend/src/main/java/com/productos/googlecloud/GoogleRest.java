package com.productos.googlecloud;

import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Plain JSON REST calls to a Google API with the configured credentials, for the APIs used without
 * a client library (Cloud Build, Cloud Logging). Google error bodies ({"error":{code,message,status}})
 * become executor errors that say what to check; tokens never appear in them.
 */
public final class GoogleRest {
    private final String api;
    private final String endpoint;
    private final GoogleCredentialsSource credentials;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code api} names the service in messages ("Cloud Build"); {@code endpoint} is its base URL. */
    public GoogleRest(String api, String endpoint, GoogleCredentialsSource credentials) {
        this.api = api;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public JsonNode post(String path, JsonNode body, String role) throws ExecutorFailure {
        return call(
                HttpRequest.newBuilder(URI.create(endpoint + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))),
                role);
    }

    public JsonNode get(String path, String role) throws ExecutorFailure {
        return call(HttpRequest.newBuilder(URI.create(endpoint + path)).GET(), role);
    }

    /** {@code role} is the IAM role a 403 should suggest. */
    private JsonNode call(HttpRequest.Builder request, String role) throws ExecutorFailure {
        credentials.authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ExecutorFailure.unavailable(
                    api + " is unreachable (" + e.getClass().getSimpleName() + "); check the network and retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExecutorFailure.unavailable("interrupted while calling " + api);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String message = errorMessage(response.body());
            switch (status) {
                case 401 ->
                    throw new ExecutorFailure(
                            401,
                            "credentials_rejected",
                            api + " did not accept the credentials (" + message
                                    + "); check deploy.cloudrun.credentials_file or GOOGLE_APPLICATION_CREDENTIALS");
                case 403 ->
                    throw new ExecutorFailure(
                            403,
                            "permission_denied",
                            api + " refused the call (" + message + "); grant the account " + role);
                case 404 -> throw ExecutorFailure.notFound(api + ": " + message);
                case 400 -> throw new ExecutorFailure(400, "cloud_rejected", api + " rejected the request: " + message);
                case 429, 503 ->
                    throw ExecutorFailure.unavailable(api + " is busy or unavailable (" + message + "); retry later");
                default ->
                    throw new ExecutorFailure(502, "cloud_error", api + " answered HTTP " + status + ": " + message);
            }
        }
        try {
            return response.body().isBlank() ? Json.object() : Json.parse(response.body());
        } catch (JsonParseFailure e) {
            throw new ExecutorFailure(502, "cloud_error", api + " answered with something that is not JSON");
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
}
