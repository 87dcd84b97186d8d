package com.productos.marketing.channels;

import com.productos.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One post as the generation output schema describes it. {@code text} is what gets published and
 * already contains the hashtags listed in {@code hashtags}; {@code title}/{@code altText} are null when
 * the channel has none.
 */
public record SocialPost(
        String text, String title, String altText, List<String> hashtags, List<String> mediaSuggestions) {
    public SocialPost {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        mediaSuggestions = mediaSuggestions == null ? List.of() : List.copyOf(mediaSuggestions);
    }

    public SocialPost withText(String newText) {
        return new SocialPost(newText, title, altText, hashtags, mediaSuggestions);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("text", text);
        if (title != null) node.put("title", title);
        if (altText != null) node.put("alt_text", altText);
        ArrayNode tags = node.putArray("hashtags");
        hashtags.forEach(tags::add);
        if (!mediaSuggestions.isEmpty()) {
            ArrayNode media = node.putArray("media_suggestions");
            mediaSuggestions.forEach(media::add);
        }
        return node;
    }

    /** Reads a post object of the output schema; a missing text reads as empty (the checker reports it). */
    public static SocialPost fromJson(JsonNode node) {
        return new SocialPost(
                node.path("text").isString() ? node.path("text").asString() : "",
                node.path("title").isString() ? node.path("title").asString() : null,
                node.path("alt_text").isString() ? node.path("alt_text").asString() : null,
                strings(node.path("hashtags")),
                strings(node.path("media_suggestions")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray())
            array.forEach(item -> {
                if (item.isString()) values.add(item.asString());
            });
        return values;
    }
}
