package com.productos.analytics.events;

/** Size limits on one event, so one bad producer cannot bloat the warehouse. */
public record EventLimits(int maxIdChars, int maxEventNameChars, int maxPropertiesBytes) {
    public static final EventLimits DEFAULT = new EventLimits(256, 200, 16_384);
}
