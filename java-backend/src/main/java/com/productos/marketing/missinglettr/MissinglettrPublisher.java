package com.productos.marketing.missinglettr;

import com.productos.common.KnownSecrets;
import com.productos.json.Json;
import com.productos.marketing.publishing.CampaignPublisher;
import com.productos.marketing.publishing.CampaignRecord;
import com.productos.marketing.publishing.PostStatus;
import com.productos.marketing.publishing.ProviderOutcome;
import com.productos.marketing.publishing.ProviderUnavailable;
import com.productos.marketing.publishing.PublishMode;
import com.productos.marketing.publishing.StoredPost;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes campaigns through Missinglettr's REST API:
 * {@code POST /workspaces/{id}/campaigns/} with {name, platforms, posts[{platform, text, media_urls,
 * link}], start_date, timezone, external_id}, carrying our campaign id as {@code external_id} and our
 * idempotency key as the {@code Idempotency-Key} header. Reconciliation lists the workspace's
 * campaigns and looks for our {@code external_id}, so a campaign created just before a crash is found
 * instead of created again. Provider refusals (4xx) become a failed campaign with the provider's message.
 */
public final class MissinglettrPublisher implements CampaignPublisher {
    public static final String BACKEND = "missinglettr";
    private static final int MAX_LIST_PAGES = 20;
    private static final Set<String> SECRET_FIELDS = Set.of(
            "api_key", "apikey", "token", "access_token", "refresh_token", "secret", "password", "authorization");
    private final MissinglettrClient client;
    private final MissinglettrSettings settings;
    private final Clock clock;

    public MissinglettrPublisher(MissinglettrClient client, MissinglettrSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public ProviderOutcome submit(CampaignRecord campaign) throws ProviderUnavailable {
        MissinglettrClient.Answer answer = client.send(
                "POST",
                campaignsPath(),
                createBody(campaign),
                campaign.idempotencyKey(),
                () -> findByExternalId(campaign.campaignId())
                        .map(found -> new MissinglettrClient.Answer(200, found, null)));
        if (!answer.ok()) return refused(campaign, answer);
        return outcome(campaign, answer.body());
    }

    @Override
    public Optional<ProviderOutcome> reconcile(CampaignRecord campaign) throws ProviderUnavailable {
        return findByExternalId(campaign.campaignId()).map(found -> outcome(campaign, found));
    }

    @Override
    public Optional<ProviderOutcome> refresh(CampaignRecord campaign) throws ProviderUnavailable {
        if (campaign.providerCampaignId() == null) return Optional.empty();
        MissinglettrClient.Answer answer =
                client.send("GET", campaignsPath() + campaign.providerCampaignId() + "/", null, null, null);
        if (!answer.ok() || answer.body() == null) return Optional.empty();
        return Optional.of(outcome(campaign, answer.body()));
    }

    private String campaignsPath() {
        return "/workspaces/" + settings.workspaceId() + "/campaigns/";
    }

    private ObjectNode createBody(CampaignRecord campaign) {
        ObjectNode body = Json.object();
        body.put("name", campaign.name());
        Set<String> platforms = new LinkedHashSet<>();
        campaign.posts().forEach(post -> platforms.add(post.channel()));
        ArrayNode platformArray = body.putArray("platforms");
        platforms.forEach(platformArray::add);
        ArrayNode posts = body.putArray("posts");
        for (StoredPost post : campaign.posts()) {
            ObjectNode node = posts.addObject();
            node.put("platform", post.channel());
            node.put("text", post.text());
            if (!post.mediaUrls().isEmpty()) {
                ArrayNode media = node.putArray("media_urls");
                post.mediaUrls().forEach(media::add);
            }
            if (post.linkUrl() != null) node.put("link", post.linkUrl());
        }
        Instant start = campaign.mode() == PublishMode.NOW ? clock.instant() : campaign.startAt();
        body.put("start_date", start.toString());
        body.put("publish_now", campaign.mode() == PublishMode.NOW);
        body.put("timezone", campaign.timezone());
        body.put("external_id", campaign.campaignId());
        return body;
    }

    private Optional<JsonNode> findByExternalId(String externalId) throws ProviderUnavailable {
        String path = campaignsPath() + "?external_id=" + externalId;
        for (int page = 0; page < MAX_LIST_PAGES && path != null; page++) {
            MissinglettrClient.Answer answer = client.send("GET", path, null, null, null);
            if (!answer.ok() || answer.body() == null) {
                throw new ProviderUnavailable(
                        "listing campaigns answered HTTP " + answer.status() + ": "
                                + MissinglettrClient.messageOf(answer.body(), answer.rawBody()),
                        null);
            }
            JsonNode items =
                    answer.body().isArray() ? answer.body() : answer.body().path("results");
            for (JsonNode item : items) {
                if (externalId.equals(item.path("external_id").asString(null))) return Optional.of(item);
            }
            String next = answer.body().path("next").asString(null);
            path = next == null || next.isBlank() ? null : relativeTo(next);
        }
        return Optional.empty();
    }

    /** "next" links may be absolute; the client adds the base URL itself. */
    private String relativeTo(String next) {
        String base = settings.baseUrl().toString();
        return next.startsWith(base) ? next.substring(base.length()) : next.startsWith("/") ? next : null;
    }

    private ProviderOutcome outcome(CampaignRecord campaign, JsonNode answer) {
        List<ProviderOutcome.PostUpdate> updates = new ArrayList<>();
        JsonNode posts = answer.path("posts");
        int total = answer.path("total_posts").asInt(campaign.posts().size());
        int published = answer.path("published_posts").asInt(0);
        int scheduled = answer.path("scheduled_posts").asInt(0);
        for (int i = 0; i < campaign.posts().size(); i++) {
            JsonNode post = posts.isArray() && i < posts.size() ? posts.get(i) : null;
            PostStatus status;
            String error = null;
            if (post != null && post.path("status").isString()) {
                String providerStatus = post.path("status").asString().toLowerCase(Locale.ROOT);
                status = switch (providerStatus) {
                    case "published" -> PostStatus.PUBLISHED;
                    case "scheduled" -> PostStatus.SCHEDULED;
                    case "failed", "cancelled", "error" -> PostStatus.FAILED;
                    default -> PostStatus.QUEUED;
                };
                if (status == PostStatus.FAILED) {
                    error = "Missinglettr reports the post " + providerStatus
                            + (post.path("error").isString()
                                    ? ": " + post.path("error").asString()
                                    : "");
                }
            } else if (total > 0 && published >= total) {
                status = PostStatus.PUBLISHED;
            } else if (scheduled > 0 || campaign.mode() == PublishMode.SCHEDULED) {
                status = PostStatus.SCHEDULED;
            } else {
                status = PostStatus.QUEUED;
            }
            Instant publishedAt = status == PostStatus.PUBLISHED ? publishedAt(post) : null;
            String postId = post != null && post.path("id").isValueNode()
                    ? post.path("id").asString()
                    : null;
            updates.add(new ProviderOutcome.PostUpdate(status, publishedAt, postId, error));
        }
        String id = answer.path("id").isValueNode() ? answer.path("id").asString() : null;
        return new ProviderOutcome(id, updates, redact(answer));
    }

    private Instant publishedAt(JsonNode post) {
        if (post != null && post.path("published_at").isString()) {
            try {
                return Instant.parse(post.path("published_at").asString());
            } catch (java.time.format.DateTimeParseException ignored) {
                // An unreadable time: fall back to when we learned of it.
            }
        }
        return clock.instant();
    }

    private ProviderOutcome refused(CampaignRecord campaign, MissinglettrClient.Answer answer) {
        String message = "Missinglettr refused the campaign (HTTP " + answer.status() + "): "
                + MissinglettrClient.messageOf(answer.body(), answer.rawBody());
        List<ProviderOutcome.PostUpdate> updates = new ArrayList<>();
        campaign.posts()
                .forEach(post -> updates.add(new ProviderOutcome.PostUpdate(PostStatus.FAILED, null, null, message)));
        ObjectNode response = Json.object();
        response.put("http_status", answer.status());
        if (answer.body() != null) response.set("body", redact(answer.body()));
        return new ProviderOutcome(null, updates, response);
    }

    /**
     * A copy of a provider answer with credential-named fields and every known secret value removed
     * (the client already cut the key out of the text; this also covers answers built elsewhere).
     */
    static JsonNode redact(JsonNode node) {
        if (node == null) return null;
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return KnownSecrets.redact(copy);
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                if (SECRET_FIELDS.contains(name.toLowerCase(Locale.ROOT))) object.put(name, "[redacted]");
                else redactInPlace(object.get(name));
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(MissinglettrPublisher::redactInPlace);
        }
    }
}
