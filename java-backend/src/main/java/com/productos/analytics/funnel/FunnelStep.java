package com.productos.analytics.funnel;

import com.productos.analytics.sql.PropertyFilter;

/** One step of a funnel: an event name and an optional filter on that event's properties. */
public record FunnelStep(String eventName, PropertyFilter filter) {}
