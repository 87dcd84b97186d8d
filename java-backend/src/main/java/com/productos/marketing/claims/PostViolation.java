package com.productos.marketing.claims;

/**
 * One rule a post breaks. {@code field} is the post field ("text", "title", "hashtags");
 * {@code blocking} violations (limits, forbidden claims, dont phrases, missing disclaimers) stop an edit
 * or a publish; the others (channel habits for emoji and hashtags) are warnings for a person's edit.
 */
public record PostViolation(String code, String field, String message, boolean blocking) {}
