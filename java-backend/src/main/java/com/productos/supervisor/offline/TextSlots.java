package com.productos.supervisor.offline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slot readers over a user's words: ranges of days, environments, regions, channels, counts, service names. */
final class TextSlots {
    private static final Pattern LAST_DAYS =
            Pattern.compile("\\b(?:last|past|previous)\\s+(\\d{1,4})\\s+days?\\b|\\b(\\d{1,4})\\s*(?:days?|d)\\b");
    private static final Pattern LAST_UNIT = Pattern.compile("\\b(?:last|past|this)\\s+(week|month|quarter|year)\\b");
    private static final Pattern REGION = Pattern.compile("\\b([a-z]+-[a-z]+\\d)\\b");
    private static final Pattern COUNT_LINES =
            Pattern.compile("\\b(?:last|latest|recent)?\\s*(\\d{1,4})\\s+(?:lines?|entries|log lines)\\b");
    private static final Pattern MINUTES = Pattern.compile("\\b(?:last|past)\\s+(\\d{1,4})\\s+(minutes?|hours?)\\b");
    static final Set<String> NOT_A_NAME = Set.of(
            "the",
            "it",
            "that",
            "this",
            "them",
            "service",
            "services",
            "app",
            "a",
            "an",
            "my",
            "our",
            "again",
            "to",
            "now",
            "please",
            "me",
            "us",
            "of",
            "for",
            "on",
            "in",
            "is",
            "doing",
            "up",
            "down",
            "logs",
            "log",
            "latest",
            "last",
            "new",
            "version",
            "from",
            "and",
            "with",
            "what",
            "how",
            "everything");
    private static final Map<String, String> CHANNEL_WORDS = Map.ofEntries(
            Map.entry("x", "x"),
            Map.entry("twitter", "x"),
            Map.entry("tweet", "x"),
            Map.entry("tweets", "x"),
            Map.entry("linkedin", "linkedin"),
            Map.entry("facebook", "facebook"),
            Map.entry("instagram", "instagram"),
            Map.entry("insta", "instagram"),
            Map.entry("tiktok", "tiktok"),
            Map.entry("youtube", "youtube"),
            Map.entry("pinterest", "pinterest"),
            Map.entry("reddit", "reddit"),
            Map.entry("mastodon", "mastodon"),
            Map.entry("bluesky", "bluesky"),
            Map.entry("threads", "threads"));

    private TextSlots() {}

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("\\s+", " ")
                .trim();
    }

    /** Days to look back, when the text names them. */
    static Optional<Integer> rangeDays(String text) {
        Matcher days = LAST_DAYS.matcher(text);
        if (days.find()) return Optional.of(Integer.parseInt(days.group(1) != null ? days.group(1) : days.group(2)));
        Matcher unit = LAST_UNIT.matcher(text);
        if (unit.find()) {
            return Optional.of(
                    switch (unit.group(1)) {
                        case "week" -> 7;
                        case "month" -> 30;
                        case "quarter" -> 90;
                        default -> 365;
                    });
        }
        return Optional.empty();
    }

    static String environment(String text) {
        if (text.matches(".*\\b(prod|production|live)\\b.*")) return "prod";
        if (text.matches(".*\\bstaging\\b.*")) return "staging";
        return "dev";
    }

    static String region(String text) {
        Matcher region = REGION.matcher(text);
        return region.find() ? region.group(1) : "us-central1";
    }

    static Optional<Integer> lineCount(String text) {
        Matcher count = COUNT_LINES.matcher(text);
        return count.find() ? Optional.of(Integer.parseInt(count.group(1))) : Optional.empty();
    }

    static Optional<Integer> sinceSeconds(String text) {
        Matcher minutes = MINUTES.matcher(text);
        if (!minutes.find()) return Optional.empty();
        int amount = Integer.parseInt(minutes.group(1));
        return Optional.of(minutes.group(2).startsWith("hour") ? amount * 3600 : amount * 60);
    }

    /** Social channels named in the text, in the order named, as registry enum values. */
    static List<String> channels(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher words = Pattern.compile("[a-z]+").matcher(text.replace("google business", "google_business"));
        while (words.find()) {
            String channel = CHANNEL_WORDS.get(words.group());
            if (channel != null) found.add(channel);
        }
        if (text.contains("google business") || text.contains("google_business")) found.add("google_business");
        return new ArrayList<>(found);
    }

    /** The first word after one of the patterns' group 1 that can be a service name. */
    static Optional<String> name(String text, Pattern... patterns) {
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String candidate = matcher.group(1);
                if (candidate != null && !NOT_A_NAME.contains(candidate) && candidate.matches("[a-z][a-z0-9-]{0,62}")) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
