package com.productos.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class KnownSecretsTest {
    private static String fresh() {
        return "sk_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aKnownValueShouldBeCutOutWhereverItAppears() {
        String secret = fresh();
        KnownSecrets.add(secret);
        assertEquals(
                "key [redacted] rejected ([redacted])",
                KnownSecrets.redact("key " + secret + " rejected (" + secret + ")"));
        assertEquals("Authorization: Api-Key [redacted]", KnownSecrets.redact("Authorization: Api-Key " + secret));
    }

    @Test
    void textWithoutSecretsShouldBeTheSameInstance() {
        KnownSecrets.add(fresh());
        String text = "nothing to see here at all";
        assertSame(text, KnownSecrets.redact(text));
    }

    @Test
    void aSecretThatContainsAnotherShouldBeCutWhole() {
        String inner = fresh();
        String outer = inner + "_and_more";
        KnownSecrets.add(inner);
        KnownSecrets.add(outer);
        assertEquals("[redacted]", KnownSecrets.redact(outer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "true", "admin", "1234567"})
    void shortValuesShouldNotBeTracked(String value) {
        KnownSecrets.add(value);
        assertEquals("user admin is true 1234567", KnownSecrets.redact("user admin is true 1234567"));
    }

    @Test
    void jsonShouldBeRedactedInValuesAndNamesAndLeftAloneWhenClean() {
        String secret = fresh();
        KnownSecrets.add(secret);
        JsonNode clean = Json.parse("{\"a\": [1, \"two\", {\"b\": null}]}");
        assertSame(clean, KnownSecrets.redact(clean));
        JsonNode dirty = Json.parse("{\"detail\": \"key " + secret + " is wrong\", \"list\": [\"" + secret + "\", 3],"
                + " \"" + secret + "\": true}");
        JsonNode redacted = KnownSecrets.redact(dirty);
        assertFalse(Json.write(redacted).contains(secret), Json.write(redacted));
        assertEquals("key [redacted] is wrong", redacted.path("detail").asString());
        assertEquals(3, redacted.path("list").get(1).asInt());
        assertTrue(redacted.path("[redacted]").asBoolean());
        assertTrue(Json.write(dirty).contains(secret), "the original is left as it was");
    }

    @Test
    void variablesNamedAsSecretsShouldBeTrackedAndOthersNot() {
        String token = fresh();
        String path = "/opt/" + fresh();
        KnownSecrets.addSecretVariables(Map.of("GITHUB_TOKEN", token, "OPENAI_API_KEY", fresh(), "PATH", path));
        assertEquals("[redacted]", KnownSecrets.redact(token));
        assertEquals(path, KnownSecrets.redact(path));
        assertTrue(KnownSecrets.isSecretName("db_password"));
        assertFalse(KnownSecrets.isSecretName("HOME"));
    }
}
