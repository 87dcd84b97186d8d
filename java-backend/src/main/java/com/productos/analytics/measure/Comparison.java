package com.productos.analytics.measure;

import com.productos.json.Json;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * The campaign's attributed users against one baseline, and what can honestly be said of it: an
 * uplift or a loss only when the whole interval is on one side of zero, nothing when either group
 * has too few users to say anything.
 */
public record Comparison(
        String baseline,
        GroupConversion campaign,
        GroupConversion base,
        ProportionDifference difference,
        Conclusion conclusion,
        String reason) {

    public enum Conclusion {
        UPLIFT,
        NEGATIVE,
        NO_DETECTABLE_EFFECT,
        TOO_LITTLE_DATA;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Comparison of(
            String baseline, GroupConversion campaign, GroupConversion base, int minUsers, Confidence confidence) {
        if (campaign.entered() == 0) {
            return new Comparison(
                    baseline,
                    campaign,
                    base,
                    null,
                    Conclusion.TOO_LITTLE_DATA,
                    "no campaign-attributed user entered the funnel in the campaign's period");
        }
        if (base.entered() == 0) {
            return new Comparison(
                    baseline,
                    campaign,
                    base,
                    null,
                    Conclusion.TOO_LITTLE_DATA,
                    "no user of the baseline (" + baseline.replace('_', ' ') + ") entered the funnel");
        }
        ProportionDifference difference = ProportionDifference.of(
                campaign.converted(), campaign.entered(), base.converted(), base.entered(), confidence.z());
        if (campaign.entered() < minUsers || base.entered() < minUsers) {
            long fewer = Math.min(campaign.entered(), base.entered());
            String who = campaign.entered() < minUsers ? "campaign-attributed users" : "baseline users";
            return new Comparison(
                    baseline,
                    campaign,
                    base,
                    difference,
                    Conclusion.TOO_LITTLE_DATA,
                    "only " + fewer + " " + who + " entered the funnel; at least " + minUsers
                            + " per group are needed to conclude (min_users_per_group)");
        }
        if (difference.lower() > 0)
            return new Comparison(
                    baseline, campaign, base, difference, Conclusion.UPLIFT, "the whole interval is above zero");
        if (difference.upper() < 0)
            return new Comparison(
                    baseline, campaign, base, difference, Conclusion.NEGATIVE, "the whole interval is below zero");
        return new Comparison(
                baseline, campaign, base, difference, Conclusion.NO_DETECTABLE_EFFECT, "the interval includes zero");
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object().put("baseline", baseline);
        node.set("baseline_group", base.toJson());
        if (difference != null) {
            node.put("difference", difference.difference())
                    .put("lower", difference.lower())
                    .put("upper", difference.upper());
        } else {
            node.putNull("difference").putNull("lower").putNull("upper");
        }
        node.put("conclusion", conclusion.wireName()).put("reason", reason);
        return node;
    }
}
