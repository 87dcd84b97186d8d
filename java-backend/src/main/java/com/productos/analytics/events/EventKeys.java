package com.productos.analytics.events;

import com.productos.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** De-duplication keys and time conversions shared by every event path. */
public final class EventKeys {
    private EventKeys() {}

    /** The insert id of an event that came without one: a hash of user, event name and timestamp. */
    public static String derivedInsertId(String userId, String eventName, Instant timestamp) {
        return "auto:"
                + Json.sha256Hex(userId + '\u0000' + eventName + '\u0000' + epochMicros(timestamp))
                        .substring(0, 32);
    }

    public static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant fromEpochMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
