package com.productos.marketing;

import com.productos.common.SqliteDatabase;
import com.productos.config.ConfigException;
import com.productos.executors.ExecutorEnvironment;
import com.productos.marketing.drafts.DraftStore;
import com.productos.marketing.gemini.GeminiPlanCopy;
import com.productos.marketing.gemini.GeminiPostGenerator;
import com.productos.marketing.gemini.GeminiSettings;
import com.productos.marketing.generation.DeterministicPostGenerator;
import com.productos.marketing.generation.PostGenerator;
import com.productos.marketing.missinglettr.ApiKeySource;
import com.productos.marketing.missinglettr.MissinglettrClient;
import com.productos.marketing.missinglettr.MissinglettrPublisher;
import com.productos.marketing.missinglettr.MissinglettrSettings;
import com.productos.marketing.plans.CampaignLinks;
import com.productos.marketing.plans.CampaignPlanner;
import com.productos.marketing.plans.PlanCopyWriter;
import com.productos.marketing.plans.PlanService;
import com.productos.marketing.plans.PlanStore;
import com.productos.marketing.plans.RuleBasedPlanCopy;
import com.productos.marketing.publishing.CampaignPublisher;
import com.productos.marketing.publishing.LocalOutbox;
import com.productos.marketing.publishing.OutboxScheduler;
import com.productos.marketing.publishing.PublicationStore;
import com.productos.marketing.publishing.PublishService;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds the marketing module from the {@code marketing} section of config.yaml:
 *
 * <pre>
 * marketing:
 *   generator: local            # local | gemini
 *   publisher: outbox           # outbox | missinglettr
 *   outbox:
 *     poll_interval_millis: 1000
 *   gemini: {...}               # see GeminiSettings
 *   missinglettr: {...}         # see MissinglettrSettings
 * </pre>
 */
final class MarketingModuleBuilder {
    private MarketingModuleBuilder() {}

    static MarketingModule build(ExecutorEnvironment environment, BrandProfiles brandProfiles) {
        return build(environment, brandProfiles, () -> {});
    }

    /** {@code afterProviderAnswer} marks the crash window between a provider's answer and our record. */
    static MarketingModule build(
            ExecutorEnvironment environment, BrandProfiles brandProfiles, Runnable afterProviderAnswer) {
        JsonNode section = environment.config().section("marketing");
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(brandProfiles);
        try {
            SqliteDatabase database =
                    SqliteDatabase.open(environment.workspace().executorStore("marketing"));
            resources.add(database);
            BrandLookup brands = new BrandLookup(brandProfiles);
            DraftStore draftStore = new DraftStore(database);
            DraftService drafts = new DraftService(draftStore, brands, environment.clock());
            PostGenerator generator = generator(section, environment);
            if (generator instanceof AutoCloseable closeable) resources.add(closeable);
            GenerationService generation = new GenerationService(brands, generator, draftStore, environment.clock());
            PublicationStore publications = new PublicationStore(database);
            CampaignPublisher publisher = publisher(section, environment);
            resources.add(publisher);
            if (publisher instanceof LocalOutbox) {
                long pollMillis =
                        section.path("outbox").path("poll_interval_millis").asLong(1000);
                if (pollMillis < 10)
                    throw new ConfigException("marketing.outbox.poll_interval_millis must be at least 10");
                resources.add(new OutboxScheduler(publications, environment.clock(), pollMillis));
            }
            PublishService publishing = new PublishService(
                    publications, publisher, environment.clock(), drafts::markPublished, afterProviderAnswer);
            // Settling interrupted publishes may wait on the provider's retries: never hold up start-up for it.
            Thread reconciler = new Thread(publishing::reconcileInterrupted, "marketing-publish-reconciler");
            reconciler.setDaemon(true);
            reconciler.start();
            PlanService plans = new PlanService(
                    brands,
                    new CampaignPlanner(planWriter(section, resources)),
                    new PlanStore(database),
                    new CampaignLinks(database),
                    environment.clock());
            return new MarketingModule(
                    generation, drafts, publishing, new CopyReview(brands), plans, resources, environment.registry());
        } catch (RuntimeException e) {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // Already failing; the original error says what to fix.
                }
            }
            throw e;
        }
    }

    private static PostGenerator generator(JsonNode section, ExecutorEnvironment environment) {
        String name = section.path("generator").asString("local");
        return switch (name) {
            case "local" -> new DeterministicPostGenerator();
            case "gemini" ->
                new GeminiPostGenerator(
                        GeminiSettings.from(section.path("gemini")),
                        environment
                                .registry()
                                .find("marketing.generate_channel_posts")
                                .orElseThrow(() -> new ConfigException(
                                        "the registry has no marketing.generate_channel_posts tool"))
                                .outputSchema());
            default -> throw new ConfigException("marketing.generator '" + name + "' is unknown; use local or gemini");
        };
    }

    /** The plan's words come from the same generator as the posts: rules, or Gemini. */
    private static PlanCopyWriter planWriter(JsonNode section, List<AutoCloseable> resources) {
        if (!"gemini".equals(section.path("generator").asString("local"))) return new RuleBasedPlanCopy();
        GeminiPlanCopy writer = new GeminiPlanCopy(GeminiSettings.from(section.path("gemini")));
        resources.add(writer);
        return writer;
    }

    private static CampaignPublisher publisher(JsonNode section, ExecutorEnvironment environment) {
        String name = section.path("publisher").asString("outbox");
        return switch (name) {
            case "outbox" -> new LocalOutbox(environment.clock());
            case "missinglettr" -> {
                JsonNode settingsNode = section.path("missinglettr");
                MissinglettrSettings settings = MissinglettrSettings.from(settingsNode);
                ApiKeySource keys = MissinglettrSettings.keySource(settingsNode, environment.workspace());
                yield new MissinglettrPublisher(new MissinglettrClient(settings, keys), settings, environment.clock());
            }
            default ->
                throw new ConfigException("marketing.publisher '" + name + "' is unknown; use outbox or missinglettr");
        };
    }
}
