package com.productos.marketing.plans;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A landing page address with UTM parameters, so visits from a campaign's posts can be told apart
 * when it is measured. Parameters the address already has are kept; a fragment stays last.
 */
public final class UtmLink {
    private UtmLink() {}

    public static String tagged(String url, String source, String medium, String campaign) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + separator + "utm_source=" + encode(source) + "&utm_medium=" + encode(medium) + "&utm_campaign="
                + encode(campaign) + fragment;
    }

    /** A tag made of the title's words, lower case, joined by hyphens: short, readable and URL-safe. */
    public static String slug(String title, int maxLength) {
        String slug =
                title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > maxLength) slug = slug.substring(0, maxLength).replaceAll("-+$", "");
        return slug.isEmpty() ? "campaign" : slug;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
