package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.deploy.ServiceStatus;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe against loopback servers that answer as a revision and a front would. */
class ServiceHealthProbeTest {
    private HttpServer revision;
    private HttpServer front;

    @AfterEach
    void stop() {
        if (revision != null) revision.stop(0);
        if (front != null) front.stop(0);
    }

    private static HttpServer answering(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRevisionAndFrontThatAnswer2xxShouldBeReady() throws Exception {
        revision = answering(200);
        front = answering(204);

        ServiceHealthProbe.Observation observed = ServiceHealthProbe.observe(
                "web",
                "web-00001",
                true,
                revision.getAddress().getPort(),
                front.getAddress().getPort(),
                "/healthz");

        assertEquals(ServiceStatus.State.ready, observed.state());
        assertNull(observed.reason());
    }

    @Test
    void aHealthCheckAnsweringAnErrorStatusShouldNameIt() throws Exception {
        revision = answering(500);
        front = answering(200);

        ServiceHealthProbe.Observation observed = ServiceHealthProbe.observe(
                "web",
                "web-00001",
                true,
                revision.getAddress().getPort(),
                front.getAddress().getPort(),
                "/healthz");

        assertEquals(ServiceStatus.State.error, observed.state());
        assertTrue(
                observed.reason().contains("answered GET /healthz")
                        && observed.reason().contains("HTTP 500"),
                observed.reason());
    }

    @Test
    void aRefusedConnectionShouldSaySo() throws Exception {
        ServiceHealthProbe.Observation observed =
                ServiceHealthProbe.observe("web", "web-00001", true, closedPort(), 0, "/healthz");

        assertEquals(ServiceStatus.State.error, observed.state());
        assertTrue(observed.reason().contains("refused the connection"), observed.reason());
    }

    @Test
    void aFrontThatRefusesShouldBeAnErrorThoughTheRevisionAnswers() throws Exception {
        revision = answering(200);

        ServiceHealthProbe.Observation observed = ServiceHealthProbe.observe(
                "web", "web-00001", true, revision.getAddress().getPort(), closedPort(), "/healthz");

        assertEquals(ServiceStatus.State.error, observed.state());
        assertTrue(observed.reason().startsWith("the front of web refused the connection"), observed.reason());
    }

    @Test
    void aRevisionWhoseProcessIsGoneShouldBeAnErrorWithoutAnyRequest() throws Exception {
        revision = answering(200);

        ServiceHealthProbe.Observation observed = ServiceHealthProbe.observe(
                "web", "web-00001", false, revision.getAddress().getPort(), closedPort(), "/healthz");

        assertEquals(ServiceStatus.State.error, observed.state());
        assertTrue(observed.reason().contains("web-00001 is not running"), observed.reason());
    }
}
