package com.productos.marketing.generation;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.claims.ClaimsPolicy;
import java.util.List;

/** Everything a generator needs: the brief, where to post, how many variations, and the brand's rules. */
public record GenerationRequest(
        CampaignBrief brief,
        List<Channel> channels,
        int variationsPerChannel,
        CopyConstraints constraints,
        ClaimsPolicy policy) {
    public GenerationRequest {
        channels = List.copyOf(channels);
    }
}
