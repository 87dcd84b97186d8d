package com.productos.marketing.generation;

import java.util.ArrayList;
import java.util.List;

/** The parts a deterministic post is made of, rendered in one fixed order whatever order they were chosen in. */
final class PostDraft {
    String hook;
    final List<String> points = new ArrayList<>();
    String offer;
    String callToAction;
    String link;
    boolean linkInBio;
    final List<String> hashtags = new ArrayList<>();
    final List<String> emoji = new ArrayList<>();
    final List<String> disclaimers = new ArrayList<>();

    PostDraft copy() {
        PostDraft copy = new PostDraft();
        copy.hook = hook;
        copy.points.addAll(points);
        copy.offer = offer;
        copy.callToAction = callToAction;
        copy.link = link;
        copy.linkInBio = linkInBio;
        copy.hashtags.addAll(hashtags);
        copy.emoji.addAll(emoji);
        copy.disclaimers.addAll(disclaimers);
        return copy;
    }

    String render(String paragraphBreak) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder opening = new StringBuilder();
        if (hook != null) opening.append(hook);
        if (!emoji.isEmpty() && opening.length() > 0) opening.append(' ').append(emoji.get(0));
        for (String point : points) {
            if (opening.length() > 0) opening.append(' ');
            opening.append(point);
        }
        if (!emoji.isEmpty() && hook == null && opening.length() > 0)
            opening.append(' ').append(emoji.get(0));
        for (int i = 2; i < emoji.size() && opening.length() > 0; i++)
            opening.append(' ').append(emoji.get(i));
        if (opening.length() > 0) paragraphs.add(opening.toString());
        if (offer != null) paragraphs.add(offer + ".");
        String action = actionLine();
        if (action != null) paragraphs.add(emoji.size() > 1 ? emoji.get(1) + " " + action : action);
        if (!hashtags.isEmpty()) paragraphs.add(String.join(" ", hashtags));
        paragraphs.addAll(disclaimers);
        return String.join(paragraphBreak, paragraphs);
    }

    private String actionLine() {
        if (linkInBio) return callToAction == null ? "Link in bio." : callToAction + " (link in bio).";
        if (callToAction != null && link != null) return callToAction + ": " + link;
        if (callToAction != null) return callToAction + ".";
        return link;
    }
}
