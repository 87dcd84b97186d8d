package com.productos.analytics.funnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A second, deliberately plain implementation of the ordered funnel, written from the definition in
 * {@link FunnelSql} and sharing no code with it: per user, sort the events, then for every step-1
 * event walk forward taking the earliest event for each next step, and keep the best walk.
 */
final class ReferenceFunnel {
    /** One raw event; {@code props} holds property values as text. */
    record Raw(String user, String name, long micros, Map<String, String> props, String insertId) {}

    /** A step: event name and allowed values per property (empty = no filter). */
    record Step(String name, Map<String, Set<String>> filter) {}

    private ReferenceFunnel() {}

    static long[] count(List<Raw> events, List<Step> steps, Map<String, Set<String>> segment,
                        long windowMicros, long fromMicros, long toMicros) {
        Map<String, Raw> unique = new LinkedHashMap<>();
        for (Raw event : events) unique.putIfAbsent(event.insertId(), event);
        Map<String, List<Raw>> byUser = new HashMap<>();
        for (Raw event : unique.values()) {
            if (event.micros() < fromMicros || event.micros() > toMicros) continue;
            byUser.computeIfAbsent(event.user(), u -> new ArrayList<>()).add(event);
        }
        long[] users = new long[steps.size()];
        for (List<Raw> own : byUser.values()) {
            if (!segment.isEmpty() && own.stream().noneMatch(e -> matches(e.props(), segment))) continue;
            int reached = reached(own, steps, windowMicros);
            for (int k = 0; k < reached; k++) users[k]++;
        }
        return users;
    }

    private static int reached(List<Raw> own, List<Step> steps, long windowMicros) {
        List<Raw> relevant = new ArrayList<>();
        for (Raw event : own) if (firstStep(event, steps) >= 0) relevant.add(event);
        relevant.sort(Comparator.comparingLong(Raw::micros)
                .thenComparingInt(e -> firstStep(e, steps))
                .thenComparingInt(e -> stepMask(e, steps)));
        int best = 0;
        for (int start = 0; start < relevant.size(); start++) {
            if (!stepMatches(relevant.get(start), steps.get(0))) continue;
            long startMicros = relevant.get(start).micros();
            int reached = 1;
            int position = start;
            for (int k = 1; k < steps.size(); k++) {
                int next = -1;
                for (int j = position + 1; j < relevant.size(); j++) {
                    if (stepMatches(relevant.get(j), steps.get(k))) {
                        next = j;
                        break;
                    }
                }
                if (next < 0 || relevant.get(next).micros() - startMicros > windowMicros) break;
                reached = k + 1;
                position = next;
            }
            best = Math.max(best, reached);
        }
        return best;
    }

    private static int stepMask(Raw event, List<Step> steps) {
        int mask = 0;
        for (int k = 0; k < steps.size(); k++) if (stepMatches(event, steps.get(k))) mask |= 1 << k;
        return mask;
    }

    private static int firstStep(Raw event, List<Step> steps) {
        for (int k = 0; k < steps.size(); k++) if (stepMatches(event, steps.get(k))) return k;
        return -1;
    }

    private static boolean stepMatches(Raw event, Step step) {
        return event.name().equals(step.name()) && matches(event.props(), step.filter());
    }

    private static boolean matches(Map<String, String> props, Map<String, Set<String>> filter) {
        for (Map.Entry<String, Set<String>> entry : filter.entrySet()) {
            String value = props.get(entry.getKey());
            if (value == null || !entry.getValue().contains(value)) return false;
        }
        return true;
    }
}
