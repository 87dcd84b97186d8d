package com.productos.marketing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.EmojiLevel;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.BrandRules;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.PostCheck;
import com.productos.marketing.claims.PostChecker;
import com.productos.marketing.drafts.PostReview;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reviews copy before it is published: claim flags per post and, when a brand profile is named, the
 * brand's rules too. The control plane can call it with a marketing.publish_missinglettr input (plus
 * an optional {@code brand_profile_id}) to show a person what is claim-heavy on the approval card, or
 * to demand approval when {@code claim_heavy} is true.
 */
public final class CopyReview {
    private static final ClaimsPolicy NO_BRAND = new ClaimsPolicy(
            new BrandRules("none", "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), ""));
    // Publishing has no emoji or hashtag constraint: review those as generously as the channel allows.
    private static final CopyConstraints PUBLISH_CONSTRAINTS = new CopyConstraints(null, EmojiLevel.HEAVY, true);
    private final BrandLookup brands;
    private final PostChecker checker = new PostChecker();

    public CopyReview(BrandLookup brands) {
        this.brands = brands;
    }

    public ObjectNode review(JsonNode input) throws ExecutorFailure {
        JsonNode profile = input.path("brand_profile_id");
        ClaimsPolicy policy = profile.isString() ? brands.policyFor(profile.asString(), "/brand_profile_id") : NO_BRAND;
        JsonNode posts = input.path("campaign").path("posts");
        if (!posts.isArray() || posts.isEmpty())
            throw InputProblems.single("/campaign/posts", "give the posts to review");
        ObjectNode output = Json.object();
        ArrayNode reviews = Json.array();
        boolean claimHeavy = false;
        for (int i = 0; i < posts.size(); i++) {
            String name = posts.get(i).path("channel").asString("");
            Channel channel = Channel.fromWire(name)
                    .orElseThrow(() -> InputProblems.single("/campaign/posts", "unknown channel '" + name + "'"));
            PostCheck check = checker.check(channel, SocialPost.fromJson(posts.get(i)), policy, PUBLISH_CONSTRAINTS);
            claimHeavy |= check.claimHeavy();
            reviews.add(PostReview.toJson(channel.wireName(), i, check));
        }
        output.put("claim_heavy", claimHeavy);
        output.set("posts", reviews);
        return output;
    }
}
