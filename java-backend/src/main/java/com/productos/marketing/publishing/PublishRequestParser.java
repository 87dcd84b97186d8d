package com.productos.marketing.publishing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.marketing.channels.Channel;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a marketing.publish_missinglettr input beyond its schema: the schedule's cross-field rules
 * (start_time required for and only for "scheduled", in the future, in a real time zone) and every
 * post's length as its network counts it. Every problem is reported with its JSON pointer.
 */
public final class PublishRequestParser {
    private static final String URL = "(?i)https?://\\S+";

    /** The key this call runs under: the input's idempotency_key, else the control plane's header, else a fresh one. */
    public static String idempotencyKey(JsonNode input, String headerKey) {
        JsonNode fromInput = input.path("idempotency_key");
        if (fromInput.isString() && !fromInput.asString().isBlank())
            return fromInput.asString().trim();
        if (headerKey != null && !headerKey.isBlank()) return headerKey.trim();
        return "generated-" + UUID.randomUUID();
    }

    /** Hash of what is asked, without the key: the same key with a different request is a conflict. */
    public static String requestHash(JsonNode input) {
        ObjectNode copy = input.isObject() ? (ObjectNode) input.deepCopy() : Json.object();
        copy.remove("idempotency_key");
        ObjectNode schedule = copy.path("schedule").isObject() ? (ObjectNode) copy.get("schedule") : null;
        if (schedule != null && !schedule.has("timezone")) schedule.put("timezone", "UTC");
        return Json.canonicalHash(copy);
    }

    public PublishRequest parse(JsonNode input, String idempotencyKey, Instant now) throws ExecutorFailure {
        InputProblems problems = new InputProblems();
        JsonNode campaign = input.path("campaign");
        String name = campaign.path("name").asString("").trim();
        if (name.isEmpty()) problems.add("/campaign/name", "give the campaign a name");
        List<CampaignPost> posts = new ArrayList<>();
        JsonNode postArray = campaign.path("posts");
        if (!postArray.isArray() || postArray.isEmpty()) problems.add("/campaign/posts", "give at least one post");
        for (int i = 0; i < postArray.size(); i++) {
            CampaignPost post = post(postArray.get(i), "/campaign/posts/" + i, problems);
            if (post != null) posts.add(post);
        }
        JsonNode schedule = input.path("schedule");
        String modeText = schedule.path("mode").asString("");
        PublishMode mode = switch (modeText) {
            case "now" -> PublishMode.NOW;
            case "scheduled" -> PublishMode.SCHEDULED;
            default -> {
                problems.add("/schedule/mode", "unknown mode '" + modeText + "'; use now or scheduled");
                yield null;
            }
        };
        String zoneText = schedule.path("timezone").asString("UTC");
        ZoneId zone = null;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            problems.add(
                    "/schedule/timezone",
                    "'" + zoneText + "' is not a time zone; use an IANA name such as"
                            + " Europe/Paris, America/New_York or UTC");
        }
        Instant startAt = null;
        JsonNode startNode = schedule.path("start_time");
        boolean hasStart = startNode.isString() && !startNode.asString().isBlank();
        if (mode == PublishMode.SCHEDULED && !hasStart) {
            problems.add(
                    "/schedule/start_time",
                    "a scheduled publish needs start_time, an ISO timestamp such as"
                            + " 2026-12-01T09:00 (read in schedule.timezone) or 2026-12-01T09:00:00Z");
        } else if (mode == PublishMode.NOW && hasStart) {
            problems.add(
                    "/schedule/start_time",
                    "start_time is only used with mode 'scheduled'; remove it or set mode to scheduled");
        } else if (mode == PublishMode.SCHEDULED && zone != null) {
            startAt = startInstant(startNode.asString().trim(), zone, problems);
            if (startAt != null && !startAt.isAfter(now)) {
                problems.add(
                        "/schedule/start_time",
                        "start_time " + startNode.asString() + " (" + startAt + ") is in the past;"
                                + " give a future time, or use mode now");
                startAt = null;
            }
        }
        problems.throwIfAny();
        return new PublishRequest(name, posts, mode, startAt, zone, idempotencyKey, requestHash(input));
    }

    private static CampaignPost post(JsonNode node, String pointer, InputProblems problems) {
        String channelName = node.path("channel").asString("");
        Channel channel = Channel.fromWire(channelName).orElse(null);
        if (channel == null) {
            problems.add(
                    pointer + "/channel",
                    "unknown channel '" + channelName + "'; use one of " + String.join(", ", Channel.wireNames()));
            return null;
        }
        String text = node.path("text").asString("");
        boolean ok = true;
        if (text.isBlank()) {
            problems.add(pointer + "/text", "the post text is empty");
            ok = false;
        } else if (!channel.fits(text, channel.textLimit())) {
            problems.add(
                    pointer + "/text",
                    "the text is " + channel.length(text) + " "
                            + channel.counting().describe() + "; " + channel.displayName() + " allows "
                            + channel.textLimit() + "; shorten it (nothing was published)");
            ok = false;
        }
        List<String> media = new ArrayList<>();
        JsonNode mediaArray = node.path("media_urls");
        for (int i = 0; i < mediaArray.size(); i++) {
            String url = mediaArray.get(i).asString("");
            if (!url.matches(URL)) {
                problems.add(pointer + "/media_urls/" + i, "'" + url + "' is not an http(s) URL");
                ok = false;
            }
            media.add(url);
        }
        String link = node.path("link_url").isString()
                ? node.path("link_url").asString().trim()
                : null;
        if (link != null && !link.matches(URL)) {
            problems.add(pointer + "/link_url", "'" + link + "' is not an http(s) URL");
            ok = false;
        }
        return ok ? new CampaignPost(channel, text, media, link) : null;
    }

    /** An ISO timestamp with an offset is taken as is; without one it is read in the schedule's time zone. */
    private static Instant startInstant(String text, ZoneId zone, InputProblems problems) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffsetFailed) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException localFailed) {
                problems.add(
                        "/schedule/start_time",
                        "'" + text + "' is not an ISO timestamp; use 2026-12-01T09:00"
                                + " (read in schedule.timezone) or 2026-12-01T09:00:00Z");
                return null;
            }
        }
    }
}
