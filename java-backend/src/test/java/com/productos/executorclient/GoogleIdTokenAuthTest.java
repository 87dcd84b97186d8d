package com.productos.executorclient;

import static com.productos.executors.ExecutorTestSupport.run;
import static com.productos.executors.ExecutorTestSupport.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ExecutorAuth;
import com.productos.config.ProductOsConfig;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.executorclient.FakeGoogleTokenEndpoint.TokenRequest;
import com.productos.executors.ScriptedExecutor;
import com.productos.executors.ScriptedExecutor.Answer;
import com.productos.json.Json;
import com.productos.registry.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real google-auth-library mints the ID token: a generated service-account key whose token_uri
 * is a loopback fake of Google's token endpoint, and an http://127.0.0.1 executor configured with
 * {@code auth: google_id_token}.
 */
class GoogleIdTokenAuthTest {
    private static final String CLIENT_EMAIL = "control-plane@productos-test.iam.gserviceaccount.com";
    private static final ToolDefinition GET_PROFILE = tool("brand.get_profile");
    private static final String OK =
            "{\"output\":{\"profile_id\":\"default\",\"brand\":{}},\"logs\":[],\"artifacts\":[]}";
    private final KeyPair serviceAccountKeys = FakeGoogleTokenEndpoint.rsaKeys();

    @TempDir
    Path dir;

    private FakeGoogleTokenEndpoint tokenEndpoint;
    private ScriptedExecutor executor;
    private ExecutorHttpClient client;

    @BeforeEach
    void start() throws Exception {
        tokenEndpoint = new FakeGoogleTokenEndpoint();
        executor = new ScriptedExecutor(Answer.json(200, OK));
    }

    @AfterEach
    void stop() {
        if (client != null) client.close();
        executor.close();
        tokenEndpoint.close();
    }

    private Path keyFile() throws Exception {
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, tokenEndpoint.serviceAccountKeyJson(serviceAccountKeys, CLIENT_EMAIL));
        return file;
    }

    /** config.yaml with the executor behind google_id_token auth; the key file named in it or not. */
    private ProductOsConfig config(Path credentialsFile, Map<String, String> environment) {
        ObjectNode root = Json.object();
        root.putObject("executors")
                .putObject("firestore")
                .put("url", executor.uri().toString())
                .put("auth", "google_id_token");
        if (credentialsFile != null) root.putObject("google").put("credentials_file", credentialsFile.toString());
        return ProductOsConfig.of(root, environment);
    }

    private ExecutorHttpClient clientFor(ProductOsConfig config) {
        client = ExecutorHttpClient.create(name -> config.remoteExecutor(name).orElseThrow(), config);
        return client;
    }

    private ExecutorCallException failure(ExecutorHttpClient http) {
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> http.invoke(GET_PROFILE, run("brand.get_profile", "{\"profile_id\":\"default\"}"))
                        .get(30, TimeUnit.SECONDS));
        return assertInstanceOf(ExecutorCallException.class, e.getCause());
    }

    @Test
    void configShouldSelectGoogleIdTokenAuth() {
        assertEquals(
                ExecutorAuth.GOOGLE_ID_TOKEN,
                config(null, Map.of()).remoteExecutor("firestore").orElseThrow().auth());
    }

    @Test
    void executorShouldReceiveExactlyTheIdTokenMintedForItsUrl() throws Exception {
        ExecutorHttpClient http = clientFor(config(keyFile(), Map.of()));
        http.invoke(GET_PROFILE, run("brand.get_profile", "{\"profile_id\":\"default\"}"))
                .get(30, TimeUnit.SECONDS);

        assertEquals(1, tokenEndpoint.requests().size());
        TokenRequest request = tokenEndpoint.requests().get(0);
        assertEquals(
                "urn:ietf:params:oauth:grant-type:jwt-bearer", request.form().get("grant_type"));
        // The assertion is the service account's own signed JWT asking for an ID token for the executor.
        assertTrue(FakeGoogleTokenEndpoint.verify(request.assertion(), serviceAccountKeys.getPublic()));
        assertEquals("RS256", request.assertionHeader().get("alg").asString());
        assertEquals("test-key-1", request.assertionHeader().get("kid").asString());
        assertEquals(
                executor.uri().toString(),
                request.assertionClaims().get("target_audience").asString());
        assertEquals(CLIENT_EMAIL, request.assertionClaims().get("iss").asString());
        assertEquals(
                tokenEndpoint.tokenUri().toString(),
                request.assertionClaims().get("aud").asString());

        assertEquals(
                "Bearer " + request.issuedIdToken(), executor.received().get(0).authorization());
    }

    @Test
    void tokenShouldBeCachedWhileValid() throws Exception {
        ExecutorHttpClient http = clientFor(config(keyFile(), Map.of()));
        for (int i = 0; i < 3; i++) {
            http.invoke(GET_PROFILE, run("brand.get_profile", "{\"profile_id\":\"default\"}"))
                    .get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, tokenEndpoint.requests().size());
        String token = "Bearer " + tokenEndpoint.requests().get(0).issuedIdToken();
        assertTrue(executor.received().stream().allMatch(r -> token.equals(r.authorization())));
    }

    @Test
    void tokenCloseToExpiryShouldBeRefreshed() throws Exception {
        tokenEndpoint.issueTokensValidFor(30); // inside the library's refresh margin
        ExecutorHttpClient http = clientFor(config(keyFile(), Map.of()));
        for (int i = 0; i < 2; i++) {
            http.invoke(GET_PROFILE, run("brand.get_profile", "{\"profile_id\":\"default\"}"))
                    .get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, tokenEndpoint.requests().size());
        assertEquals(
                "Bearer " + tokenEndpoint.requests().get(1).issuedIdToken(),
                executor.received().get(1).authorization());
    }

    @Test
    void googleApplicationCredentialsShouldBeUsedWhenNoConfigKey() throws Exception {
        ExecutorHttpClient http = clientFor(
                config(null, Map.of("GOOGLE_APPLICATION_CREDENTIALS", keyFile().toString())));
        http.invoke(GET_PROFILE, run("brand.get_profile", "{\"profile_id\":\"default\"}"))
                .get(30, TimeUnit.SECONDS);
        assertEquals(
                "Bearer " + tokenEndpoint.requests().get(0).issuedIdToken(),
                executor.received().get(0).authorization());
    }

    @Test
    void missingKeyFileShouldSayWhatToSet() {
        ExecutorCallException e = failure(clientFor(config(dir.resolve("nope.json"), Map.of())));
        assertEquals(ErrorCode.ExecutorUnavailable, e.code());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(
                e.getMessage().contains("google.credentials_file")
                        && e.getMessage().contains("GOOGLE_APPLICATION_CREDENTIALS"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\tat "));
        assertTrue(executor.received().isEmpty());
    }

    @Test
    void fileThatIsNotACredentialShouldSaySo() throws Exception {
        Path file = dir.resolve("not-a-key.json");
        Files.writeString(file, "{\"hello\":\"world\"}");
        ExecutorCallException e = failure(clientFor(config(file, Map.of())));
        assertEquals(ErrorCode.ExecutorUnavailable, e.code());
        assertTrue(
                e.getMessage().contains("not a usable credential")
                        && e.getMessage().contains("service-account key"),
                e.getMessage());
        assertTrue(executor.received().isEmpty());
    }

    @Test
    void refusedTokenRequestShouldFailWithoutCallingTheExecutor() throws Exception {
        tokenEndpoint.failWith(400);
        ExecutorCallException e = failure(clientFor(config(keyFile(), Map.of())));
        assertEquals(ErrorCode.ExecutorUnavailable, e.code());
        assertTrue(e.getMessage().contains("could not get a Google ID token for " + executor.uri()), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "));
        assertTrue(executor.received().isEmpty());
    }
}
