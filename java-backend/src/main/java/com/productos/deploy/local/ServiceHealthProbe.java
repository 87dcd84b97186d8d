package com.productos.deploy.local;

import com.productos.deploy.ServiceStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * What a serving revision does now, observed rather than remembered: its process is running, and a
 * GET of its health path answers 2xx both from the revision's own port and through the service's
 * stable front. Each GET waits at most {@link #TIMEOUT}, so a status call stays short.
 */
final class ServiceHealthProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The observed state; {@code reason} is null when ready. */
    record Observation(ServiceStatus.State state, String reason) {
        static final Observation READY = new Observation(ServiceStatus.State.ready, null);

        static Observation error(String reason) {
            return new Observation(ServiceStatus.State.error, reason);
        }
    }

    private ServiceHealthProbe() {}

    /**
     * @param running whether the revision's process is running (this backend's handle, or the pid and
     *                start time its owner recorded)
     * @param frontPort 0 when the service has no front open
     */
    static Observation observe(
            String service, String revision, boolean running, int revisionPort, int frontPort, String healthPath)
            throws InterruptedException {
        if (!running || revisionPort == 0) {
            return Observation.error("revision " + revision + " is not running: its process has exited or was stopped;"
                    + " roll back to it or deploy again to start it");
        }
        String revisionProblem = get(revisionPort, healthPath);
        if (revisionProblem != null) {
            return Observation.error("revision " + revision + " " + revisionProblem);
        }
        if (frontPort == 0) {
            return Observation.error("the front of " + service + " is not open; its URL answers nothing");
        }
        String frontProblem = get(frontPort, healthPath);
        if (frontProblem != null) {
            return Observation.error("the front of " + service + " " + frontProblem + ", while revision " + revision
                    + " answers it directly");
        }
        return Observation.READY;
    }

    /** Null when GET answers 2xx, else what went wrong, phrased to follow a subject. */
    private static String get(int port, String healthPath) throws InterruptedException {
        String target = "GET " + healthPath + " on 127.0.0.1:" + port;
        try {
            HttpResponse<Void> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + healthPath))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) return null;
            return "answered " + target + " with HTTP " + response.statusCode();
        } catch (HttpTimeoutException e) {
            return "did not answer " + target + " within " + TIMEOUT.toSeconds() + " s";
        } catch (ConnectException e) {
            return "refused the connection for " + target;
        } catch (IOException e) {
            return "failed " + target + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
