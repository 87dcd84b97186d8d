package com.productos.deploy.cloud;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.productos.executors.ExecutorFailure;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns what the Google client libraries throw into clear executor errors (no stack traces, no secrets). */
final class CloudErrors {
    private CloudErrors() {}

    /** {@code action} says what was being done: "creating Cloud Run service web". */
    static ExecutorFailure map(Throwable thrown, String action) {
        Throwable cause = thrown;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException || cause instanceof CancellationException) {
            return new ExecutorFailure(
                    504,
                    "cloud_operation_timeout",
                    action + " did not finish within"
                            + " deploy.cloudrun.operation_timeout_seconds; it may still complete: check cloudrun.get_service_status");
        }
        if (cause instanceof ApiException api) {
            StatusCode.Code code = api.getStatusCode().getCode();
            String message = action + " failed: " + firstLine(api.getMessage());
            return switch (code) {
                case NOT_FOUND -> new ExecutorFailure(404, "not_found", message);
                case UNAUTHENTICATED ->
                    new ExecutorFailure(
                            401,
                            "credentials_rejected",
                            message + "; Google did not accept"
                                    + " the credentials: check deploy.cloudrun.credentials_file or GOOGLE_APPLICATION_CREDENTIALS");
                case PERMISSION_DENIED ->
                    new ExecutorFailure(
                            403,
                            "permission_denied",
                            message + "; grant the deploying"
                                    + " account roles/run.admin, roles/cloudbuild.builds.editor and roles/iam.serviceAccountUser");
                case INVALID_ARGUMENT, OUT_OF_RANGE -> new ExecutorFailure(400, "cloud_rejected", message);
                case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION ->
                    new ExecutorFailure(409, "cloud_conflict", message);
                case DEADLINE_EXCEEDED -> new ExecutorFailure(504, "cloud_operation_timeout", message);
                case UNAVAILABLE, RESOURCE_EXHAUSTED ->
                    new ExecutorFailure(503, "unavailable", message + "; retry later");
                default -> new ExecutorFailure(502, "cloud_error", message);
            };
        }
        return new ExecutorFailure(
                502, "cloud_error", action + " failed: " + firstLine(String.valueOf(cause.getMessage())));
    }

    private static String firstLine(String text) {
        if (text == null) return "no message";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
