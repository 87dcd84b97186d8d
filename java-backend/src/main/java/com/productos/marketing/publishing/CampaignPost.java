package com.productos.marketing.publishing;

import com.productos.marketing.channels.Channel;
import java.util.List;

/** One post of a publish request, already checked against its channel's limit. */
public record CampaignPost(Channel channel, String text, List<String> mediaUrls, String linkUrl) {
    public CampaignPost {
        mediaUrls = List.copyOf(mediaUrls);
    }
}
