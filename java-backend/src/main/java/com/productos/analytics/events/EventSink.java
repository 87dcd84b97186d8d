package com.productos.analytics.events;

import java.util.List;

/** A warehouse that events can be written into. */
public interface EventSink {
    EventBatch openBatch();

    default IngestResult insert(List<Event> events) {
        try (EventBatch batch = openBatch()) {
            for (Event event : events) batch.add(event);
            return batch.commit();
        }
    }
}
