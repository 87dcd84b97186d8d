package com.productos.marketing.gemini;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.claims.BrandRules;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.PostChecker;
import com.productos.marketing.generation.GenerationRequest;
import com.productos.marketing.generation.ScreenedBrief;
import java.util.List;

/** The instructions and the brief as the model reads them: brand rules first, then the channels' limits. */
final class GeminiPrompt {
    private GeminiPrompt() {}

    static String systemInstruction(ClaimsPolicy policy) {
        BrandRules brand = policy.brand();
        StringBuilder text = new StringBuilder();
        text.append("You write social media posts for the brand ")
                .append(brand.name())
                .append(".\n");
        line(text, "Tone", brand.tone());
        line(text, "Style notes", brand.styleNotes());
        line(text, "Always", brand.dos());
        line(text, "Never", brand.donts());
        line(text, "Never claim, in any wording", brand.forbiddenClaims());
        line(text, "End every post with these disclaimers, verbatim", brand.requiredDisclaimers());
        text.append(
                "Avoid superlatives, guarantees, invented numbers, comparisons with others, and health or financial promises.\n");
        text.append(
                "Answer with JSON only, matching the given schema: {\"channels\": [{\"channel\", \"posts\": [{\"text\", \"title\","
                        + " \"alt_text\", \"hashtags\", \"media_suggestions\"}]}]}. Put hashtags inside text as well as in hashtags.\n");
        return text.toString();
    }

    static String userPrompt(ScreenedBrief brief, GenerationRequest request) {
        StringBuilder text = new StringBuilder("Campaign brief:\n");
        text.append("- Product: ").append(brief.product()).append('\n');
        if (brief.goal() != null) text.append("- Goal: ").append(brief.goal()).append('\n');
        if (brief.audience() != null)
            text.append("- Audience: ").append(brief.audience()).append('\n');
        text.append("- Key points:\n");
        brief.keyPoints().forEach(point -> text.append("  - ").append(point).append('\n'));
        if (brief.offer() != null)
            text.append("- Offer: ").append(brief.offer()).append('\n');
        if (brief.callToAction() != null)
            text.append("- Call to action: ").append(brief.callToAction()).append('\n');
        if (brief.landingPageUrl() != null)
            text.append("- Landing page: ").append(brief.landingPageUrl()).append('\n');
        CopyConstraints constraints = request.constraints();
        text.append("Write ")
                .append(request.variationsPerChannel())
                .append(" different posts for each of these channels," + " in this order, and no other channel:\n");
        for (Channel channel : request.channels()) {
            text.append("- ")
                    .append(channel.wireName())
                    .append(": at most ")
                    .append(constraints.textLimit(channel))
                    .append(' ')
                    .append(channel.counting().describe());
            if (channel.hasTitle())
                text.append("; a title of at most ")
                        .append(channel.titleLimit())
                        .append(" characters");
            int emoji = request.policy().dontRules().noEmoji()
                    ? 0
                    : constraints.emojiLevel().allowedOn(channel);
            int hashtags = request.policy().dontRules().noHashtags() ? 0 : constraints.hashtagsAllowed(channel);
            text.append("; at most ")
                    .append(emoji)
                    .append(" emoji and ")
                    .append(hashtags)
                    .append(" hashtags");
            List<String> disclaimers =
                    PostChecker.disclaimersThatFit(request.policy(), channel, constraints.textLimit(channel));
            if (!disclaimers.isEmpty()) text.append("; include: ").append(String.join(" ", disclaimers));
            text.append('\n');
        }
        return text.toString();
    }

    static String repairPrompt(List<String> problems) {
        return "Your reply could not be used: " + String.join("; ", problems)
                + ". Reply again with JSON only that matches the schema and covers every channel asked for.";
    }

    private static void line(StringBuilder text, String label, List<String> items) {
        if (!items.isEmpty())
            text.append(label).append(": ").append(String.join("; ", items)).append(".\n");
    }
}
