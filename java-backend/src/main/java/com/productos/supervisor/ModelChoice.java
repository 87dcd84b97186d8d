package com.productos.supervisor;

import com.productos.config.ConfigException;
import com.productos.config.ProductOsConfig;
import com.productos.supervisor.gemini.VertexGeminiProvider;
import com.productos.supervisor.gemini.VertexGeminiSettings;
import com.productos.supervisor.model.ModelPrice;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.offline.OfflinePlanner;
import com.productos.supervisor.openai.OpenAiCompatibleProvider;
import com.productos.supervisor.openai.OpenAiSettings;
import java.time.Clock;

/** The model config.yaml chooses, with its price for the cost estimate. */
public record ModelChoice(ModelProvider provider, ModelPrice price) {

    /**
     * A broken model section does not stop the backend: the supervisor answers every turn with the
     * configuration error instead, while every other part keeps working.
     */
    public static ModelChoice fromConfig(SupervisorSettings settings, ProductOsConfig config, Clock clock) {
        try {
            return switch (settings.provider()) {
                case "gemini" -> {
                    VertexGeminiSettings gemini =
                            VertexGeminiSettings.from(settings.section().path("gemini"), config);
                    yield new ModelChoice(new VertexGeminiProvider(gemini), gemini.price());
                }
                case "openai" -> {
                    OpenAiSettings openai =
                            OpenAiSettings.from(settings.section().path("openai"), config);
                    yield new ModelChoice(new OpenAiCompatibleProvider(openai), openai.price());
                }
                default -> new ModelChoice(new OfflinePlanner(clock, settings.timeZone()), ModelPrice.FREE);
            };
        } catch (ConfigException e) {
            return new ModelChoice(new MisconfiguredModel(settings.provider(), e.getMessage()), ModelPrice.FREE);
        }
    }
}
