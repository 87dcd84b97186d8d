package com.productos.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.productos.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class JsonMergePatchTest {
    /** The examples of RFC 7396, Appendix A: original | patch | result. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":\"b\"}             | {\"a\":\"c\"}            | {\"a\":\"c\"}",
                "{\"a\":\"b\"}             | {\"b\":\"c\"}            | {\"a\":\"b\",\"b\":\"c\"}",
                "{\"a\":\"b\"}             | {\"a\":null}             | {}",
                "{\"a\":\"b\",\"b\":\"c\"} | {\"a\":null}             | {\"b\":\"c\"}",
                "{\"a\":[\"b\"]}           | {\"a\":\"c\"}            | {\"a\":\"c\"}",
                "{\"a\":\"c\"}             | {\"a\":[\"b\"]}          | {\"a\":[\"b\"]}",
                "{\"a\":{\"b\":\"c\"}}     | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
                "{\"a\":[{\"b\":\"c\"}]}   | {\"a\":[1]}              | {\"a\":[1]}",
                "[\"a\",\"b\"]             | [\"c\",\"d\"]            | [\"c\",\"d\"]",
                "{\"a\":\"b\"}             | [\"c\"]                  | [\"c\"]",
                "{\"a\":\"foo\"}           | null                     | null",
                "{\"a\":\"foo\"}           | \"bar\"                  | \"bar\"",
                "{\"e\":null}              | {\"a\":1}                | {\"e\":null,\"a\":1}",
                "[1,2]                     | {\"a\":\"b\",\"c\":null} | {\"a\":\"b\"}",
                "{}                        | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
            })
    void rfcExamplesShouldHold(String original, String patch, String expected) {
        assertEquals(Json.parse(expected), JsonMergePatch.apply(Json.parse(original), Json.parse(patch)));
    }

    @Test
    void applyingShouldLeaveBothArgumentsUntouched() {
        JsonNode original = Json.parse("{\"a\":{\"b\":1,\"c\":2}}");
        JsonNode patch = Json.parse("{\"a\":{\"b\":null,\"d\":[1]}}");
        JsonMergePatch.apply(original, patch);
        assertEquals(Json.parse("{\"a\":{\"b\":1,\"c\":2}}"), original);
        assertEquals(Json.parse("{\"a\":{\"b\":null,\"d\":[1]}}"), patch);
    }
}
