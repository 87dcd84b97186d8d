package com.productos.bench;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.EmojiLevel;
import com.productos.marketing.claims.BrandRules;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.generation.CampaignBrief;
import com.productos.marketing.generation.GenerationRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A reproducible corpus of generation requests: random briefs (some key points make claims a brand
 * forbids, in other wordings) under random brand rules (tone, dont items, forbidden claims,
 * disclaimers) and random constraints and channels. Same seed, same corpus.
 */
final class BriefCorpus {
    private static final List<String> PRODUCTS = List.of(
            "Acme Analytics",
            "Northwind CRM",
            "Lumen Docs",
            "Fathom Billing",
            "Orbit Scheduler",
            "Pine Health Coach",
            "Harbor Payroll",
            "Quill Notes",
            "Beacon Status",
            "Atlas Forms");
    private static final List<String> GOALS = List.of(
            "trial signups",
            "demo requests",
            "newsletter subscribers",
            "activation",
            "upgrades to the Pro plan",
            "webinar registrations");
    private static final List<String> AUDIENCES = List.of(
            "SaaS founders",
            "small agencies",
            "product managers",
            "finance teams",
            "indie developers",
            "clinic owners",
            "HR leads");
    private static final List<String> KEY_POINTS = List.of(
            "See where users drop off in your funnel",
            "Set up in five minutes with one script tag",
            "Share live dashboards with your team",
            "Works with Stripe, HubSpot and Segment",
            "Export any report to CSV",
            "Role-based access for every workspace",
            "Guaranteed results in your first week",
            "The number one tool for growing teams",
            "Cures your reporting headaches",
            "Double your revenue in a month",
            "Lose weight while you work",
            "Better than every spreadsheet",
            "Risk-free for 30 days",
            "Used by 4,000 teams in 30 countries",
            "SOC 2 Type II audited",
            "Plans from $19 a month",
            "Revolutionary onboarding flows",
            "Answers in plain English",
            "Keep your data in the EU",
            "No credit card needed to start");
    private static final List<String> FORBIDDEN = List.of(
            "guaranteed results",
            "number one tool",
            "cures headaches",
            "double your revenue",
            "lose weight",
            "risk free",
            "better than spreadsheets",
            "best in class",
            "instant ROI",
            "never fails");
    private static final List<String> DONTS = List.of(
            "Don't say 'revolutionary'",
            "No exclamation marks",
            "Avoid emoji",
            "Never use hashtags",
            "Avoid mentioning competitors",
            "Don't use all caps",
            "Avoid words like synergy, disrupt or game-changer",
            "Don't promise results");
    private static final List<String> DISCLAIMERS = List.of(
            "Terms apply.",
            "Not financial advice.",
            "Results vary by team and setup.",
            "Prices exclude VAT. See acme.example/pricing for details.",
            "This product is not a medical device and does not diagnose, treat or prevent any condition.");
    private static final List<String> TONES =
            List.of("friendly", "professional", "playful", "calm", "bold", "expert", "warm", "witty");
    private static final List<String> STYLE_NOTES = List.of(
            "Short sentences",
            "Speak to the reader as you",
            "Plain words",
            "Concise",
            "Formal register",
            "Use sentence case");
    private static final List<String> URLS = List.of(
            "https://acme.example/trial",
            "https://northwind.example/demo?utm_source=social&utm_campaign=q4-launch-2026",
            "https://lumen.example/" + "a".repeat(60),
            "https://pine.example/start");

    private BriefCorpus() {}

    static List<GenerationRequest> build(int size, long seed) {
        Random random = new Random(seed);
        List<GenerationRequest> corpus = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<String> points = pick(random, KEY_POINTS, 1 + random.nextInt(5));
            CampaignBrief brief = new CampaignBrief(
                    one(random, GOALS),
                    one(random, PRODUCTS),
                    one(random, AUDIENCES),
                    points,
                    random.nextBoolean() ? "14-day free trial" : null,
                    random.nextInt(4) > 0 ? "Start your free trial" : null,
                    random.nextInt(5) > 0 ? one(random, URLS) : null);
            BrandRules brand = new BrandRules(
                    "brand-" + i,
                    "Brand " + i,
                    pick(random, TONES, random.nextInt(3)),
                    pick(random, STYLE_NOTES, random.nextInt(3)),
                    List.of(),
                    pick(random, DONTS, random.nextInt(4)),
                    pick(random, FORBIDDEN, random.nextInt(6)),
                    pick(random, DISCLAIMERS, random.nextInt(3)),
                    "");
            Integer maxLength = random.nextInt(3) == 0 ? 50 + random.nextInt(400) : null;
            CopyConstraints constraints =
                    new CopyConstraints(maxLength, EmojiLevel.values()[random.nextInt(4)], random.nextInt(4) > 0);
            List<Channel> channels = pick(random, Arrays.asList(Channel.values()), 1 + random.nextInt(12));
            corpus.add(new GenerationRequest(
                    brief, channels, 1 + random.nextInt(5), constraints, new ClaimsPolicy(brand)));
        }
        return corpus;
    }

    private static String one(Random random, List<String> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static <T> List<T> pick(Random random, List<T> items, int count) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, Math.min(count, copy.size())));
    }
}
