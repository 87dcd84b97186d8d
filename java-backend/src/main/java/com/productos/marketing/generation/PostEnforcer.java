package com.productos.marketing.generation;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.Emoji;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.DontRules;
import com.productos.marketing.claims.PostChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs a post that came from somewhere we do not control (a model): drops the sentences that make a
 * forbidden claim or use a banned phrase, applies the style rules, trims emoji and hashtags to budget,
 * adds the required disclaimers, and shortens the body until it fits the channel as the network counts.
 * Every change that removes meaning is reported as a warning.
 */
public final class PostEnforcer {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#[\\p{L}\\p{N}_]+");

    public SocialPost enforce(
            Channel channel, SocialPost post, ClaimsPolicy policy, CopyConstraints constraints, List<String> warnings) {
        int limit = constraints.textLimit(channel);
        List<String> disclaimers = PostChecker.disclaimersThatFit(policy, channel, limit);
        String body = post.text();
        for (String disclaimer : policy.requiredDisclaimers()) body = removeIgnoringCase(body, disclaimer);
        List<List<String>> paragraphs = new ArrayList<>();
        for (String paragraph : body.split("\\n\\s*\\n|\\n")) {
            List<String> kept = new ArrayList<>();
            for (String sentence : SENTENCE_END.split(paragraph.trim())) {
                if (sentence.isBlank()) continue;
                Optional<String> offence = policy.offenceIn(sentence);
                if (offence.isPresent()) {
                    warnings.add(channel.wireName() + ": removed \"" + sentence.trim() + "\": " + offence.get());
                } else {
                    kept.add(ScreenedBrief.styled(sentence.trim(), policy.dontRules()));
                }
            }
            if (!kept.isEmpty()) paragraphs.add(kept);
        }
        DontRules style = policy.dontRules();
        int emojiAllowed = style.noEmoji() ? 0 : constraints.emojiLevel().allowedOn(channel);
        int hashtagsAllowed = style.noHashtags() ? 0 : constraints.hashtagsAllowed(channel);
        String paragraphBreak = channel.textLimit() >= 500 && limit >= 500 ? "\n\n" : "\n";
        String text = render(paragraphs, disclaimers, paragraphBreak, emojiAllowed, hashtagsAllowed);
        while (!channel.fits(text, limit) && shorten(paragraphs)) {
            text = render(paragraphs, disclaimers, paragraphBreak, emojiAllowed, hashtagsAllowed);
        }
        if (!channel.fits(text, limit)) {
            List<String> only = paragraphs.isEmpty() ? null : paragraphs.get(0);
            if (only != null) {
                String cut = truncateToFit(channel, limit, only.get(0), sentence -> {
                    only.set(0, sentence);
                    return render(paragraphs, disclaimers, paragraphBreak, emojiAllowed, hashtagsAllowed);
                });
                only.set(0, cut);
                text = render(paragraphs, disclaimers, paragraphBreak, emojiAllowed, hashtagsAllowed);
            }
            if (!channel.fits(text, limit)) text = truncateToFit(channel, text, limit);
            warnings.add(channel.wireName() + ": the post was cut to fit " + limit + " "
                    + channel.counting().describe());
        }
        String title = post.title();
        if (title != null && (!channel.hasTitle() || policy.offenceIn(title).isPresent())) {
            if (channel.hasTitle())
                warnings.add(channel.wireName() + ": removed the title \"" + title + "\": "
                        + policy.offenceIn(title).get());
            title = null;
        }
        if (title != null)
            title = truncateToFit(channel, stripEmoji(title).replaceAll("[<>]", ""), channel.titleLimit());
        String altText =
                post.altText() == null || policy.offenceIn(post.altText()).isPresent() ? null : post.altText();
        List<String> hashtags = new ArrayList<>();
        Matcher matcher = HASHTAG.matcher(text);
        while (matcher.find()) hashtags.add(matcher.group());
        List<String> media = post.mediaSuggestions().stream()
                .filter(m -> policy.offenceIn(m).isEmpty())
                .toList();
        return new SocialPost(text, title, altText, hashtags, media);
    }

    private static String render(
            List<List<String>> paragraphs,
            List<String> disclaimers,
            String paragraphBreak,
            int emojiAllowed,
            int hashtagsAllowed) {
        List<String> out = new ArrayList<>();
        int[] emojiLeft = {emojiAllowed};
        int[] hashtagsLeft = {hashtagsAllowed};
        for (List<String> paragraph : paragraphs) {
            String joined = limitHashtags(limitEmoji(String.join(" ", paragraph), emojiLeft), hashtagsLeft);
            joined = joined.replaceAll("[ \\t]{2,}", " ").trim();
            if (!joined.isEmpty()) out.add(joined);
        }
        out.addAll(disclaimers);
        return String.join(paragraphBreak, out);
    }

    /** Drops the last sentence of the body (never a disclaimer, which render adds separately). */
    private static boolean shorten(List<List<String>> paragraphs) {
        int total = paragraphs.stream().mapToInt(List::size).sum();
        if (total <= 1) return false;
        // Keep the first paragraph's opening sentence and the last line (link or hashtags) as long as possible.
        for (int p = paragraphs.size() - 2; p >= 0; p--) {
            List<String> paragraph = paragraphs.get(p);
            if (paragraph.size() > (p == 0 ? 1 : 0)) {
                paragraph.remove(paragraph.size() - 1);
                if (paragraph.isEmpty()) paragraphs.remove(p);
                return true;
            }
        }
        List<String> last = paragraphs.get(paragraphs.size() - 1);
        last.remove(last.size() - 1);
        if (last.isEmpty()) paragraphs.remove(paragraphs.size() - 1);
        return true;
    }

    /** Cuts at a word boundary and ends with an ellipsis, the whole still within {@code limit}. */
    static String truncateToFit(Channel channel, String text, int limit) {
        return truncateToFit(channel, limit, text, java.util.function.Function.identity());
    }

    /**
     * The longest word prefix of {@code sentence} (plus an ellipsis) for which {@code renderWith} gives
     * text that fits; character by character when not even one word fits.
     */
    static String truncateToFit(
            Channel channel, int limit, String sentence, java.util.function.Function<String, String> renderWith) {
        if (channel.fits(renderWith.apply(sentence), limit)) return sentence;
        String[] words = sentence.split(" ");
        int low = 0;
        int high = words.length - 1;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (channel.fits(renderWith.apply(cutWords(words, mid)), limit)) low = mid;
            else high = mid - 1;
        }
        if (low > 0) return cutWords(words, low);
        StringBuilder cut = new StringBuilder();
        for (int cp : sentence.codePoints().toArray()) {
            if (!channel.fits(renderWith.apply(cut + new String(Character.toChars(cp)) + "…"), limit)) break;
            cut.appendCodePoint(cp);
        }
        return cut + "…";
    }

    private static String cutWords(String[] words, int count) {
        return String.join(" ", java.util.Arrays.copyOf(words, count)).replaceAll("[,;:.\\s]+$", "") + "…";
    }

    private static String limitEmoji(String text, int[] left) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Emoji.isEmojiStart(cp)) {
                int end = Emoji.endOfSequence(text, i);
                if (left[0] > 0) {
                    out.append(text, i, end);
                    left[0]--;
                }
                i = end;
            } else {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    private static String limitHashtags(String text, int[] left) {
        Matcher matcher = HASHTAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            if (left[0] > 0) {
                left[0]--;
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
            } else {
                matcher.appendReplacement(out, "");
            }
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String stripEmoji(String text) {
        return limitEmoji(text, new int[] {0}).replaceAll("\\s{2,}", " ").trim();
    }

    private static String removeIgnoringCase(String text, String phrase) {
        return Pattern.compile(Pattern.quote(phrase), Pattern.CASE_INSENSITIVE)
                .matcher(text)
                .replaceAll("")
                .trim();
    }
}
