package com.productos.analytics.growth;

import com.productos.analytics.funnel.FunnelQuery;
import java.util.List;

/**
 * A growth.identify_dropoffs question: a funnel, the event properties to split its worst step by (a
 * user's value is the smallest their step-1 events in the range carry), and the least users a
 * segment needs at that step to be judged.
 */
public record DropoffQuery(FunnelQuery funnel, List<String> segmentBy, int minSegmentUsers) {
    public DropoffQuery {
        segmentBy = List.copyOf(segmentBy);
    }
}
