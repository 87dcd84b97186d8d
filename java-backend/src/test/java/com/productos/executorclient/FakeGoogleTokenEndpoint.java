package com.productos.executorclient;

import com.productos.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback stand-in for Google's OAuth token endpoint in the JWT-bearer flow: it takes
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT signed with the
 * service-account key>} and answers {@code {"id_token": "<JWT>"}}, the ID token signed with its own
 * key and carrying the requested {@code target_audience} as {@code aud}.
 */
final class FakeGoogleTokenEndpoint implements AutoCloseable {
    record TokenRequest(
            Map<String, String> form,
            JsonNode assertionHeader,
            JsonNode assertionClaims,
            String assertion,
            String issuedIdToken) {}

    private final HttpServer server;
    private final KeyPair issuerKeys = rsaKeys();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private volatile long lifetimeSeconds = 3600;
    private volatile int failWithStatus;

    FakeGoogleTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service-account key file as the Cloud console issues it, pointing at this endpoint. */
    String serviceAccountKeyJson(KeyPair keys, String clientEmail) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = Json.object()
                .put("type", "service_account")
                .put("project_id", "productos-test")
                .put("private_key_id", "test-key-1")
                .put("private_key", pem)
                .put("client_email", clientEmail)
                .put("client_id", "100000000000000000001")
                .put("token_uri", tokenUri().toString());
        return Json.write(key);
    }

    URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    void issueTokensValidFor(long seconds) {
        lifetimeSeconds = seconds;
    }

    void failWith(int status) {
        failWithStatus = status;
    }

    List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String assertion = form.getOrDefault("assertion", "");
        String[] parts = assertion.split("\\.");
        JsonNode header = parts.length == 3 ? Json.parse(decode(parts[0])) : Json.object();
        JsonNode claims = parts.length == 3 ? Json.parse(decode(parts[1])) : Json.object();
        if (failWithStatus != 0) {
            requests.add(new TokenRequest(form, header, claims, assertion, null));
            send(
                    exchange,
                    failWithStatus,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        long now = Instant.now().getEpochSecond();
        ObjectNode idClaims = Json.object()
                .put("iss", "https://accounts.google.com")
                .put("aud", claims.path("target_audience").asString(""))
                .put("azp", claims.path("iss").asString(""))
                .put("sub", "100000000000000000001")
                .put("email", claims.path("iss").asString(""))
                .put("iat", now)
                .put("exp", now + lifetimeSeconds);
        String idToken = sign(
                Json.object().put("alg", "RS256").put("typ", "JWT").put("kid", "fake-google-1"),
                idClaims,
                issuerKeys.getPrivate());
        requests.add(new TokenRequest(form, header, claims, assertion, idToken));
        send(exchange, 200, Json.write(Json.object().put("id_token", idToken)));
    }

    static String sign(JsonNode header, JsonNode claims, PrivateKey key) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String signingInput = encoder.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encoder.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String jwt, PublicKey key) throws GeneralSecurityException {
        int lastDot = jwt.lastIndexOf('.');
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
