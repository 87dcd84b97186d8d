package com.productos.marketing.plans;

import com.productos.marketing.claims.ClaimsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded writer: the source's title as the name, its points as key messages (those the brand
 * would not say left out with a warning), the given call to action or a plain one. The same input
 * always gives the same words.
 */
public final class RuleBasedPlanCopy implements PlanCopyWriter {
    static final int MAX_KEY_MESSAGES = 5;

    @Override
    public String name() {
        return "local";
    }

    @Override
    public PlanCopy write(CampaignPlanRequest request, ClaimsPolicy policy) {
        List<String> warnings = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < request.sourcePoints().size() && messages.size() < MAX_KEY_MESSAGES; i++) {
            screened(policy, "key message " + (i + 1), request.sourcePoints().get(i), warnings)
                    .ifPresent(messages::add);
        }
        if (messages.isEmpty()) {
            // Every point was refused: the plan still needs something true to say.
            messages.add(request.product() + " is ready for you to try.");
            warnings.add(
                    "every key message was left out by the brand's rules; the plan carries a plain invitation instead");
        }
        String callToAction = screened(policy, "call to action", request.callToAction(), warnings)
                .orElse("Try " + request.product());
        return new PlanCopy(request.sourceTitle(), messages, callToAction, warnings);
    }

    /** The text if the brand would say it; otherwise empty, with a warning naming the rule it breaks. */
    public static Optional<String> screened(ClaimsPolicy policy, String what, String text, List<String> warnings) {
        if (text == null || text.isBlank()) return Optional.empty();
        Optional<String> offence = policy.offenceIn(text);
        if (offence.isPresent()) {
            warnings.add("left out the " + what + " (\"" + text + "\"): " + offence.get());
            return Optional.empty();
        }
        return Optional.of(text.trim());
    }
}
