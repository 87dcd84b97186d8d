package com.productos.supervisor;

import com.productos.config.ConfigException;
import com.productos.config.ProductOsConfig;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;

/**
 * The {@code supervisor} section of config.yaml (all optional; the offline planner is the default):
 *
 * <pre>
 * supervisor:
 *   model: offline              # offline | gemini | openai  (see VertexGeminiSettings, OpenAiSettings)
 *   max_tool_output_chars: 8000 # longer tool outputs reach the model cut, with a note saying so
 *   model_attempts: 4           # attempts per model call (429, 5xx, timeouts), with backoff and jitter
 *   time_zone: Europe/Berlin    # how the offline planner reads "tomorrow at 9" (default: the system's)
 *   limits: ...                 # see SupervisorLimits
 * </pre>
 */
public record SupervisorSettings(
        String provider,
        JsonNode section,
        int maxToolOutputChars,
        int modelAttempts,
        ZoneId timeZone,
        SupervisorLimits limits) {

    public static SupervisorSettings from(ProductOsConfig config) {
        JsonNode section = config.section("supervisor");
        String provider = section.path("model").asString("offline").trim();
        if (!provider.equals("offline") && !provider.equals("gemini") && !provider.equals("openai")) {
            throw new ConfigException("supervisor.model is '" + provider + "'; use offline, gemini or openai");
        }
        int maxChars = section.path("max_tool_output_chars").asInt(8000);
        if (maxChars < 200) throw new ConfigException("supervisor.max_tool_output_chars must be at least 200");
        int attempts = section.path("model_attempts").asInt(4);
        if (attempts < 1 || attempts > 10) throw new ConfigException("supervisor.model_attempts must be 1 to 10");
        ZoneId zone;
        try {
            zone = section.path("time_zone").isString()
                    ? ZoneId.of(section.path("time_zone").asString())
                    : ZoneId.systemDefault();
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "supervisor.time_zone '" + section.path("time_zone").asString()
                            + "' is not a time zone; use a name such as Europe/Berlin or UTC");
        }
        return new SupervisorSettings(
                provider,
                section,
                maxChars,
                attempts,
                zone,
                SupervisorLimits.from(section.path("limits").isObject() ? section.path("limits") : null));
    }
}
