package com.productos.analytics.funnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A second, deliberately plain implementation of the ordered funnel, written from PostHog's funnel
 * walk and sharing no code with {@link FunnelSql} or {@link FunnelWalk}: per user, the events by
 * instant, each step holding the path that entered it with the list of events it used.
 */
public final class ReferenceFunnel {
    /** One raw event; {@code props} holds property values as text. */
    public record Raw(String user, String name, long micros, Map<String, String> props, String insertId) {}

    /** A step: event name and allowed values per property (empty = no filter). */
    public record Step(String name, Map<String, Set<String>> filter) {}

    private ReferenceFunnel() {}

    /** The furthest step (0 = none) of every user with an event in the range. */
    public static Map<String, Integer> reachedPerUser(
            List<Raw> events, List<Step> steps, long windowMicros, long fromMicros, long toMicros) {
        Map<String, Raw> unique = new LinkedHashMap<>();
        for (Raw event : events) unique.putIfAbsent(event.insertId(), event);
        Map<String, List<Raw>> byUser = new HashMap<>();
        for (Raw event : unique.values()) {
            if (event.micros() < fromMicros || event.micros() > toMicros) continue;
            byUser.computeIfAbsent(event.user(), u -> new ArrayList<>()).add(event);
        }
        Map<String, Integer> reached = new HashMap<>();
        byUser.forEach((user, own) -> reached.put(user, reached(own, steps, windowMicros)));
        return reached;
    }

    static long[] count(
            List<Raw> events,
            List<Step> steps,
            Map<String, Set<String>> segment,
            long windowMicros,
            long fromMicros,
            long toMicros) {
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

    /** What one step of the walk holds: the start of the path that reached it and the events it used. */
    private record Entered(long start, List<String> used) {}

    /**
     * PostHog's funnel walk, spelled out: events grouped by instant; a lone instant, or one whose events
     * all match the same steps, takes each event in turn with its steps from the last down; any other
     * instant is split into one entry per (event, step), taken by step (then mask, then insert id),
     * and an entry whose event is already on the path it would extend is skipped. A step is entered
     * from the previous step's path when within the window of that path's start and when this would
     * change the step's start.
     */
    private static int reached(List<Raw> own, List<Step> steps, long windowMicros) {
        List<Raw> relevant = new ArrayList<>();
        for (Raw event : own) if (stepMask(event, steps) != 0) relevant.add(event);
        relevant.sort(Comparator.comparingLong(Raw::micros));
        Entered[] entered = new Entered[steps.size() + 1];
        int max = 0;
        int i = 0;
        while (i < relevant.size()) {
            int j = i;
            while (j < relevant.size()
                    && relevant.get(j).micros() == relevant.get(i).micros()) j++;
            List<Raw> instant = relevant.subList(i, j);
            entered[0] = new Entered(instant.get(0).micros(), List.of());
            boolean sameSteps =
                    instant.stream().map(e -> stepMask(e, steps)).distinct().count() == 1;
            if (sameSteps) {
                for (Raw event : instant) {
                    for (int k = steps.size(); k >= 1; k--) {
                        if (stepMatches(event, steps.get(k - 1)))
                            max = Math.max(max, enter(entered, k, event, false, windowMicros));
                    }
                }
            } else {
                List<Raw> byMask = new ArrayList<>(instant);
                byMask.sort(
                        Comparator.<Raw>comparingInt(e -> stepMask(e, steps)).thenComparing(Raw::insertId));
                for (int k = 1; k <= steps.size(); k++) {
                    for (Raw event : byMask) {
                        if (stepMatches(event, steps.get(k - 1)))
                            max = Math.max(max, enter(entered, k, event, true, windowMicros));
                    }
                }
            }
            i = j;
        }
        return max;
    }

    /** Returns k when the event moved the walk to step k, else 0. */
    private static int enter(Entered[] entered, int k, Raw event, boolean checkUsed, long windowMicros) {
        Entered previous = entered[k - 1];
        if (previous == null || event.micros() - previous.start() > windowMicros) return 0;
        if (entered[k] != null && entered[k].start() == previous.start()) return 0;
        if (checkUsed && previous.used().contains(event.insertId())) return 0;
        List<String> used = new ArrayList<>(previous.used());
        used.add(event.insertId());
        entered[k] = new Entered(previous.start(), used);
        return k;
    }

    private static int stepMask(Raw event, List<Step> steps) {
        int mask = 0;
        for (int k = 0; k < steps.size(); k++) if (stepMatches(event, steps.get(k))) mask |= 1 << k;
        return mask;
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
