package com.productos.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits, with a bounded deadline, for a starting revision to answer its health check with a 2xx. */
final class HealthCheck {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    /** Why a revision never became healthy. */
    sealed interface Outcome permits Healthy, Crashed, TimedOut {}

    record Healthy(Duration took) implements Outcome {}

    record Crashed(int exitCode) implements Outcome {}

    record TimedOut(String lastProblem) implements Outcome {}

    private HealthCheck() {}

    static Outcome await(RevisionProcess revision, String healthPath, Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        URI uri = URI.create("http://127.0.0.1:" + revision.port() + healthPath);
        String lastProblem = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!revision.isAlive()) return new Crashed(revision.process().exitValue());
            try {
                HttpResponse<Void> response = CLIENT.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                // A 2xx from a port the revision does not own would be a false positive; it must still be running.
                if (response.statusCode() / 100 == 2 && revision.isAlive())
                    return new Healthy(Duration.between(start, Instant.now()));
                lastProblem = "GET " + healthPath + " answered HTTP " + response.statusCode();
            } catch (IOException e) {
                lastProblem = "GET " + healthPath + " failed: " + e.getClass().getSimpleName();
            }
            // Waiting on the exit future doubles as the poll interval and notices a crash at once.
            try {
                revision.process().onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still running: poll again.
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never completes exceptionally.
            }
        }
        if (!revision.isAlive()) return new Crashed(revision.process().exitValue());
        return new TimedOut(lastProblem);
    }
}
