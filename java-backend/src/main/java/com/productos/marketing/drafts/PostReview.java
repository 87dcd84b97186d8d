package com.productos.marketing.drafts;

import com.productos.json.Json;
import com.productos.marketing.claims.ClaimFlag;
import com.productos.marketing.claims.PostCheck;
import com.productos.marketing.claims.PostViolation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The review entry stored with a draft for one post: its claim flags and any rule it breaks. */
public final class PostReview {
    private PostReview() {}

    public static ObjectNode toJson(String channel, int index, PostCheck check) {
        ObjectNode node = Json.object();
        node.put("channel", channel);
        node.put("index", index);
        node.put("claim_heavy", check.claimHeavy());
        ArrayNode flags = node.putArray("claim_flags");
        for (ClaimFlag flag : check.flags()) {
            ObjectNode item = flags.addObject();
            item.put("category", flag.category().wireName());
            item.put("excerpt", flag.excerpt());
        }
        ArrayNode violations = node.putArray("violations");
        for (PostViolation violation : check.violations()) {
            ObjectNode item = violations.addObject();
            item.put("code", violation.code());
            item.put("field", violation.field());
            item.put("message", violation.message());
            item.put("blocking", violation.blocking());
        }
        return node;
    }
}
