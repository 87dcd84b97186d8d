package com.productos.marketing.publishing;

/** schedule.mode: publish at once, or at start_time in the given time zone. */
public enum PublishMode {
    NOW,
    SCHEDULED
}
