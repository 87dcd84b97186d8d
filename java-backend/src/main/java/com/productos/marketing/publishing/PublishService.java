package com.productos.marketing.publishing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.marketing.claims.ClaimFlag;
import com.productos.marketing.claims.ClaimRiskDetector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * marketing.publish_missinglettr and marketing.get_campaign_status. Publishing is idempotent across
 * crashes: the intent is recorded (under the unique idempotency key) before the provider is called and
 * confirmed with its answer after; a repeated key returns the first result, and an intent left
 * unconfirmed is first reconciled with the provider, so the same key never publishes twice.
 */
public final class PublishService {
    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);
    private final PublicationStore store;
    private final CampaignPublisher publisher;
    private final Clock clock;
    private final BiFunction<List<String[]>, String, String> draftLinker;
    private final Runnable afterProviderAnswer;
    private final PublishRequestParser parser = new PublishRequestParser();
    private final ClaimRiskDetector claimRisk = new ClaimRiskDetector();
    /** Striped per-key locks: bounded memory, and calls with different keys rarely wait for each other. */
    private final ReentrantLock[] keyLocks =
            java.util.stream.Stream.generate(ReentrantLock::new).limit(64).toArray(ReentrantLock[]::new);

    /**
     * {@code draftLinker} marks the draft holding these (channel, text) posts as published and returns
     * its id (or null). {@code afterProviderAnswer} runs between the provider's answer and our record:
     * the window a crash can hit.
     */
    public PublishService(
            PublicationStore store,
            CampaignPublisher publisher,
            Clock clock,
            BiFunction<List<String[]>, String, String> draftLinker,
            Runnable afterProviderAnswer) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.draftLinker = draftLinker;
        this.afterProviderAnswer = afterProviderAnswer;
    }

    public ObjectNode publish(JsonNode input, String headerKey, ExecutorLog log) throws ExecutorFailure {
        return publish(input, headerKey, null, log);
    }

    /** {@code runId} is the control plane's run of this publish, kept on the campaign for the audit trail. */
    public ObjectNode publish(JsonNode input, String headerKey, String runId, ExecutorLog log) throws ExecutorFailure {
        String key = PublishRequestParser.idempotencyKey(input, headerKey);
        // One call per key at a time in this process: a second call waits and then sees the first's record.
        ReentrantLock lock = keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)];
        lock.lock();
        try {
            return publishUnderKey(input, key, runId, log);
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode publishUnderKey(JsonNode input, String key, String runId, ExecutorLog log)
            throws ExecutorFailure {
        String hash = PublishRequestParser.requestHash(input);
        Optional<CampaignRecord> existing = store.findByKey(key);
        if (existing.isPresent()) {
            CampaignRecord record = existing.get();
            if (!record.requestHash().equals(hash)) {
                throw ExecutorFailure.conflict("idempotency key '" + key + "' was already used for a different publish"
                        + " request (campaign " + record.campaignId() + "); use a new key for a new request");
            }
            if (record.confirmed()) {
                log.info("idempotency key already used: returning campaign " + record.campaignId()
                        + " as first recorded; nothing was sent again");
                return publishOutput(record);
            }
            log.warn("an earlier attempt with this idempotency key was interrupted; checking " + publisher.backend()
                    + " before sending anything");
            Optional<CampaignRecord> reconciled = reconcile(record);
            if (reconciled.isPresent()) {
                log.info("the provider already had campaign " + record.campaignId()
                        + "; recorded it without sending again");
                return publishOutput(reconciled.get());
            }
            if (record.startAt() != null && !record.startAt().isAfter(clock.instant())) {
                throw new InputProblems()
                        .add(
                                "/schedule/start_time",
                                "the interrupted publish was scheduled for "
                                        + record.startAt()
                                        + ", which has passed, and the provider never received it; publish again with"
                                        + " a new start_time and a new idempotency key")
                        .failure();
            }
            return submit(record, log);
        }
        PublishRequest request = parser.parse(input, key, clock.instant());
        for (CampaignPost post : request.posts()) {
            List<ClaimFlag> flags = claimRisk.detect(post.text());
            if (!flags.isEmpty())
                log.warn("claim-heavy copy in the " + post.channel().wireName() + " post: " + flags);
        }
        CampaignRecord intent = intentOf(request, runId);
        CampaignRecord recorded = store.recordIntent(intent);
        if (!recorded.campaignId().equals(intent.campaignId())) {
            // Another process recorded an intent under this key first; answer as a repeat of it.
            return publishUnderKey(input, key, runId, log);
        }
        return submit(recorded, log);
    }

    private ObjectNode submit(CampaignRecord record, ExecutorLog log) throws ExecutorFailure {
        ProviderOutcome outcome;
        try {
            outcome = publisher.submit(record);
        } catch (ProviderUnavailable e) {
            log.error(publisher.backend() + " is unavailable: " + e.getMessage());
            throw ExecutorFailure.unavailable(
                    publisher.backend() + " is unavailable (" + e.getMessage() + "); nothing was"
                            + " published and the draft is kept; try again later with the same idempotency key");
        }
        afterProviderAnswer.run();
        CampaignRecord confirmed = confirm(record, outcome);
        PostStatus status = confirmed.status();
        if (status == PostStatus.FAILED) {
            log.error("campaign " + confirmed.campaignId() + " failed at " + publisher.backend() + ": "
                    + firstError(confirmed));
        } else {
            log.info("campaign " + confirmed.campaignId() + " " + status.wireName() + " via " + publisher.backend()
                    + (confirmed.draftId() == null ? "" : " (draft " + confirmed.draftId() + ")"));
        }
        return publishOutput(confirmed);
    }

    private CampaignRecord confirm(CampaignRecord record, ProviderOutcome outcome) {
        CampaignRecord confirmed = store.confirm(record.campaignId(), outcome, null);
        if (confirmed.status() == PostStatus.FAILED) return confirmed;
        List<String[]> pairs = new ArrayList<>();
        for (StoredPost post : record.posts()) pairs.add(new String[] {post.channel(), post.text()});
        String draftId = draftLinker.apply(pairs, record.campaignId());
        return draftId == null ? confirmed : store.confirm(record.campaignId(), outcome, draftId);
    }

    private Optional<CampaignRecord> reconcile(CampaignRecord record) throws ExecutorFailure {
        try {
            Optional<ProviderOutcome> found = publisher.reconcile(record);
            return found.map(outcome -> confirm(record, outcome));
        } catch (ProviderUnavailable e) {
            throw ExecutorFailure.unavailable(
                    publisher.backend() + " is unavailable (" + e.getMessage() + "), so an"
                            + " interrupted publish cannot be checked yet; nothing was sent again; retry later with the same idempotency key");
        }
    }

    /** At start-up: settle every intent a crash left unconfirmed, where the provider already has it. */
    public void reconcileInterrupted() {
        List<CampaignRecord> unconfirmed;
        try {
            unconfirmed = store.unconfirmed();
        } catch (RuntimeException e) {
            LOG.warn("cannot list interrupted publishes: {}", e.getMessage());
            return;
        }
        for (CampaignRecord record : unconfirmed) {
            ReentrantLock lock = keyLocks[Math.floorMod(record.idempotencyKey().hashCode(), keyLocks.length)];
            lock.lock();
            try {
                reconcileOne(record);
            } catch (RuntimeException e) {
                LOG.warn("cannot reconcile interrupted campaign {}: {}", record.campaignId(), e.getMessage());
            } finally {
                lock.unlock();
            }
        }
    }

    private void reconcileOne(CampaignRecord stale) {
        CampaignRecord record = store.find(stale.campaignId()).orElse(stale);
        if (record.confirmed()) return;
        try {
            Optional<ProviderOutcome> found = publisher.reconcile(record);
            if (found.isPresent()) {
                confirm(record, found.get());
                LOG.info("reconciled interrupted campaign {} with {}", record.campaignId(), publisher.backend());
            }
        } catch (ProviderUnavailable e) {
            LOG.warn("cannot reconcile interrupted campaign {} yet: {}", record.campaignId(), e.getMessage());
        }
    }

    public ObjectNode status(String campaignId, ExecutorLog log) throws ExecutorFailure {
        CampaignRecord record = store.find(campaignId)
                .orElseThrow(() -> ExecutorFailure.notFound("campaign '" + campaignId
                        + "' does not exist; use the campaign_id that marketing.publish_missinglettr returned"));
        if (record.confirmed()) {
            try {
                Optional<ProviderOutcome> fresh = publisher.refresh(record);
                if (fresh.isPresent()) {
                    store.updatePosts(campaignId, fresh.get().posts());
                    record = store.find(campaignId).orElseThrow();
                }
            } catch (ProviderUnavailable e) {
                log.warn(publisher.backend() + " is unavailable (" + e.getMessage()
                        + "); showing the last recorded status");
            }
        }
        return statusOutput(record);
    }

    private CampaignRecord intentOf(PublishRequest request, String runId) {
        List<StoredPost> posts = new ArrayList<>();
        for (int i = 0; i < request.posts().size(); i++) {
            CampaignPost post = request.posts().get(i);
            posts.add(new StoredPost(
                    i,
                    post.channel().wireName(),
                    post.text(),
                    post.mediaUrls(),
                    post.linkUrl(),
                    PostStatus.QUEUED,
                    request.startAt(),
                    null,
                    null,
                    null));
        }
        Instant now = clock.instant();
        return new CampaignRecord(
                "cmp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                request.idempotencyKey(),
                request.requestHash(),
                publisher.backend(),
                request.campaignName(),
                request.mode(),
                request.startAt(),
                request.timezone().getId(),
                false,
                null,
                null,
                null,
                runId,
                posts,
                now);
    }

    private static ObjectNode publishOutput(CampaignRecord record) {
        ObjectNode output = Json.object();
        output.put("provider", "missinglettr");
        output.put("campaign_id", record.campaignId());
        output.put("status", record.status().wireName());
        ObjectNode response = Json.object();
        response.put("backend", record.backend());
        if (record.providerCampaignId() != null) response.put("provider_campaign_id", record.providerCampaignId());
        if (record.providerResponse() != null) response.set("answer", record.providerResponse());
        if (record.draftId() != null) response.put("draft_id", record.draftId());
        String error = firstError(record);
        if (error != null) response.put("error", error);
        output.set("provider_response", response);
        return output;
    }

    private static ObjectNode statusOutput(CampaignRecord record) {
        ObjectNode output = Json.object();
        output.put("provider", "missinglettr");
        output.put("backend", record.backend());
        output.put("campaign_id", record.campaignId());
        output.put("name", record.name());
        output.put("status", record.status().wireName());
        ObjectNode schedule = output.putObject("schedule");
        schedule.put("mode", record.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (record.startAt() != null)
            schedule.put("start_time", record.startAt().toString());
        schedule.put("timezone", record.timezone());
        if (record.draftId() != null) output.put("draft_id", record.draftId());
        if (record.publishRunId() != null) output.put("publish_run_id", record.publishRunId());
        output.put("created_at", record.createdAt().toString());
        ArrayNode posts = output.putArray("posts");
        for (StoredPost post : record.posts()) {
            ObjectNode node = posts.addObject();
            node.put("index", post.index());
            node.put("channel", post.channel());
            node.put("text", post.text());
            node.put("status", post.status().wireName());
            if (post.dueAt() != null) node.put("scheduled_for", post.dueAt().toString());
            if (post.publishedAt() != null)
                node.put("published_at", post.publishedAt().toString());
            if (post.providerPostId() != null) node.put("provider_post_id", post.providerPostId());
            if (post.error() != null) node.put("error", post.error());
        }
        return output;
    }

    private static String firstError(CampaignRecord record) {
        return record.posts().stream()
                .map(StoredPost::error)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
    }
}
