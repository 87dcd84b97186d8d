package com.productos.brand;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * brand.update_profile: applies {@code patch} as an RFC 7396 merge patch to the stored profile (or to
 * nothing, which creates it), validates the result against the profile schema and stores it with an
 * audit entry. Failing fields are reported with pointers into the input ("/patch/voice/tone").
 */
final class UpdateBrandProfileHandler implements ExecutorHandler {
    private static final int MAX_MERGE_ATTEMPTS = 3;
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("^property '([^']+)' is not defined");
    private final BrandProfileStore store;
    private final BrandProfileSchema schema;
    private final Clock clock;
    // Read, merge and write must not interleave for one profile; SQLite serialises the write itself.
    private final Object writeLock = new Object();

    UpdateBrandProfileHandler(BrandProfileStore store, BrandProfileSchema schema, Clock clock) {
        this.store = store;
        this.schema = schema;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        String profileId = BrandInputs.profileId(request.input());
        JsonNode patch = request.input().path("patch");
        if (!patch.isObject()) {
            throw InputProblems.single(
                    "/patch",
                    "must be an object",
                    "patch must be a JSON object (an RFC 7396 merge patch of the profile)");
        }
        // In-process writers queue on the lock; another process writing the same file is caught by
        // putIfUnchanged, and the patch is merged again onto what that writer stored.
        synchronized (writeLock) {
            for (int attempt = 1; attempt <= MAX_MERGE_ATTEMPTS; attempt++) {
                Optional<StoredProfile> current = store.get(profileId);
                JsonNode before = current.map(StoredProfile::brand).orElse(null);
                JsonNode after = JsonMergePatch.apply(before == null ? Json.object() : before, patch);
                List<FieldError> errors = schema.validate(after);
                if (!errors.isEmpty()) throw invalid(profileId, current.isPresent(), after, errors);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                Optional<StoredProfile> stored = store.putIfUnchanged(
                        profileId,
                        before,
                        after,
                        new BrandAuditEntry(profileId, request.runId(), request.actor(), patch, before, after, now));
                if (stored.isPresent()) {
                    request.log()
                            .info((before == null ? "created" : "updated") + " brand profile '" + profileId
                                    + "' (fields " + String.join(", ", patch.propertyNames()) + ")");
                    return Json.object()
                            .put("ok", true)
                            .put("updated_at", stored.get().updatedAt().toString());
                }
                request.log().warn("brand profile '" + profileId + "' changed while merging; merging again");
            }
            throw ExecutorFailure.conflict("brand profile '" + profileId + "' kept changing while this patch was being"
                    + " applied; nothing was changed; send the patch again");
        }
    }

    private ExecutorFailure invalid(String profileId, boolean exists, JsonNode after, List<FieldError> errors) {
        InputProblems details = new InputProblems();
        for (FieldError error : errors) details.add("/patch" + pointerOf(error), error.message());
        List<String> missing = schema.missingRequired(after);
        if (!exists && !missing.isEmpty()) {
            return details.failure("brand profile '" + profileId + "' does not exist yet and the patch"
                    + " does not make a complete profile: missing " + String.join(", ", missing)
                    + "; to create it, send a patch with the whole profile: " + schema.requiredSummary());
        }
        String summary = errors.stream()
                .limit(3)
                .map(error -> "/patch" + pointerOf(error) + " " + error.message())
                .collect(Collectors.joining("; "));
        return details.failure("the patch would make brand profile '" + profileId + "' invalid: " + summary
                + (errors.size() > 3 ? " (and " + (errors.size() - 3) + " more in details)" : "")
                + "; nothing was changed");
    }

    /** An unknown member is reported on its parent object; point at the member itself. */
    private static String pointerOf(FieldError error) {
        Matcher unknown = UNKNOWN_PROPERTY.matcher(error.message());
        if (unknown.find()) {
            return error.pointer() + "/" + unknown.group(1).replace("~", "~0").replace("/", "~1");
        }
        return error.pointer();
    }
}
