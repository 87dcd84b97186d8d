package com.productos.marketing.publishing;

import java.time.Instant;
import java.util.List;

/** A post of a recorded campaign with where it stands. */
public record StoredPost(
        int index,
        String channel,
        String text,
        List<String> mediaUrls,
        String linkUrl,
        PostStatus status,
        Instant dueAt,
        Instant publishedAt,
        String providerPostId,
        String error) {
    public StoredPost {
        mediaUrls = List.copyOf(mediaUrls);
    }

    public StoredPost with(PostStatus newStatus, Instant newPublishedAt, String newProviderPostId, String newError) {
        return new StoredPost(
                index,
                channel,
                text,
                mediaUrls,
                linkUrl,
                newStatus,
                dueAt,
                newPublishedAt,
                newProviderPostId,
                newError);
    }
}
