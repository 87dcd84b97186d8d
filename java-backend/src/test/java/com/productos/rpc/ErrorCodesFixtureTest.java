package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.control.ErrorCode;
import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** registry/error-codes.json (read by the TypeScript side too) and {@link ErrorCode} say exactly the same. */
class ErrorCodesFixtureTest {
    private static final Path FIXTURE = Path.of("..", "registry", "error-codes.json");
    private static final Set<String> STANDARD = Set.of(
            "ParseError", "InvalidRequest", "MethodNotFound", "InvalidParams", "InternalError", "RequestCancelled");

    private static Map<String, Integer> fixtureCodes() throws Exception {
        JsonNode table = Json.parse(Files.readString(FIXTURE));
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (JsonNode entry : table.get("codes")) {
            Integer previous =
                    codes.put(entry.get("name").asString(), entry.get("code").asInt());
            assertEquals(null, previous, "duplicate name in the fixture: " + entry);
            assertFalse(entry.get("message").asString().isBlank(), "every code has a message: " + entry);
        }
        return codes;
    }

    @Test
    void fixtureAndEnumShouldAgreeExactly() throws Exception {
        Map<String, Integer> fromEnum = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) fromEnum.put(code.name(), code.code());
        assertEquals(fromEnum, fixtureCodes());
    }

    @Test
    void codesShouldBeUnique() throws Exception {
        assertEquals(fixtureCodes().size(), Set.copyOf(fixtureCodes().values()).size());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void applicationCodesShouldStayOutOfTheReservedRanges(ErrorCode code) {
        if (STANDARD.contains(code.name())) {
            assertTrue(
                    code.code() == -32700 || (code.code() >= -32603 && code.code() <= -32600) || code.code() == -32800,
                    code + " is a standard JSON-RPC or LSP code");
            return;
        }
        assertFalse(code.code() >= -32768 && code.code() <= -32000, code + " is in the JSON-RPC reserved range");
        assertFalse(code.code() >= -32899 && code.code() <= -32800, code + " is in the LSP reserved range");
    }

    @Test
    void requestCancelledShouldBeTheLspCode() {
        assertEquals(-32800, ErrorCode.RequestCancelled.code());
    }
}
