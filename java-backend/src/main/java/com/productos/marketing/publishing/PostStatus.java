package com.productos.marketing.publishing;

import java.util.Collection;
import java.util.Locale;

/** Where a post (or a whole campaign) stands: queued (accepted, not yet confirmed), scheduled, published, failed. */
public enum PostStatus {
    QUEUED,
    SCHEDULED,
    PUBLISHED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /**
     * A campaign's status from its posts: failed if any post failed, published when all are, scheduled
     * when any waits for its time, otherwise queued.
     */
    public static PostStatus ofCampaign(Collection<PostStatus> posts) {
        if (posts.isEmpty()) return QUEUED;
        if (posts.contains(FAILED)) return FAILED;
        if (posts.stream().allMatch(status -> status == PUBLISHED)) return PUBLISHED;
        if (posts.contains(SCHEDULED)) return SCHEDULED;
        return QUEUED;
    }
}
