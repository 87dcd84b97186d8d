package com.productos.marketing.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** registry/channel-rules.json is what the editor counts by: the channels and the counts must agree with it. */
class ChannelRulesFixtureTest {
    private static JsonNode fixture() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path file = here.resolve("registry/channel-rules.json");
        if (!Files.exists(file)) file = here.getParent().resolve("registry/channel-rules.json");
        return Json.parse(Files.readString(file));
    }

    @Test
    void everyChannelShouldHaveTheFixturesLimitsAndCounting() throws Exception {
        List<String> inFixture = new ArrayList<>();
        for (JsonNode rule : fixture().path("channels")) {
            String name = rule.path("channel").asString();
            inFixture.add(name);
            Channel channel = Channel.fromWire(name).orElseThrow(() -> new AssertionError("no channel " + name));
            assertEquals(rule.path("text_limit").asInt(), channel.textLimit(), name);
            assertEquals(rule.path("title_limit").asInt(), channel.titleLimit(), name);
            assertEquals(
                    rule.path("counting").asString(), channel.counting().name().toLowerCase(Locale.ROOT), name);
        }
        assertEquals(Channel.wireNames(), inFixture);
    }

    @Test
    void everyCaseShouldCountAsTheFixtureSays() throws Exception {
        JsonNode cases = fixture().path("cases");
        assertTrue(cases.size() > 10);
        for (JsonNode item : cases) {
            Channel channel = Channel.fromWire(item.path("channel").asString()).orElseThrow();
            String text = item.path("text").asString();
            assertEquals(item.path("count").asInt(), channel.length(text), channel.wireName() + ": " + text);
        }
    }
}
