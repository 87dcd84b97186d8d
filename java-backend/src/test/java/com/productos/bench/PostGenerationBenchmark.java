package com.productos.bench;

import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.PostCheck;
import com.productos.marketing.claims.PostChecker;
import com.productos.marketing.claims.PostViolation;
import com.productos.marketing.generation.ChannelPosts;
import com.productos.marketing.generation.DeterministicPostGenerator;
import com.productos.marketing.generation.GenerationRequest;
import com.productos.marketing.generation.GenerationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Embedded post generator: throughput (posts per second, median of rounds) and the share of posts,
 * over a corpus of 200 briefs with random brand rules, that pass every limit and claims check (every
 * rule PostChecker knows, blocking or not).
 *
 * <p>Run: {@code cd java-backend && mvn -B -q test-compile && java -cp "target/classes:target/test-classes:$(mvn -B -q
 * dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" com.productos.bench.PostGenerationBenchmark}
 */
public final class PostGenerationBenchmark {
    private static final int BRIEFS = 200;
    private static final long SEED = 20261125L;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 7;

    public static void main(String[] args) {
        List<GenerationRequest> corpus = BriefCorpus.build(BRIEFS, SEED);
        DeterministicPostGenerator generator = new DeterministicPostGenerator();
        PostChecker checker = new PostChecker();

        int posts = 0;
        int passing = 0;
        int droppedClaimWarnings = 0;
        Map<String, Integer> failures = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (GenerationRequest request : corpus) {
            GenerationResult result = generator.generate(request);
            droppedClaimWarnings += (int) result.warnings().stream()
                    .filter(w -> w.startsWith("dropped"))
                    .count();
            for (ChannelPosts channelPosts : result.channels()) {
                for (SocialPost post : channelPosts.posts()) {
                    posts++;
                    PostCheck check =
                            checker.check(channelPosts.channel(), post, request.policy(), request.constraints());
                    if (check.passes()) {
                        passing++;
                    } else {
                        for (PostViolation violation : check.violations())
                            failures.merge(violation.code(), 1, Integer::sum);
                        if (examples.size() < 5)
                            examples.add(channelPosts.channel() + ": " + check.violations() + "\n" + post.text());
                    }
                }
            }
        }

        for (int round = 0; round < WARMUP_ROUNDS; round++) generateAll(generator, corpus);
        List<Double> postsPerSecond = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            int generated = generateAll(generator, corpus);
            postsPerSecond.add(generated / ((System.nanoTime() - start) / 1e9));
        }
        Collections.sort(postsPerSecond);

        StringBuilder table = new StringBuilder();
        table.append(String.format("%-44s %s%n", "measure", "value"));
        table.append(String.format("%-44s %d (seed %d)%n", "briefs", BRIEFS, SEED));
        table.append(String.format("%-44s %d%n", "posts generated", posts));
        table.append(String.format("%-44s %d%n", "brief items dropped for forbidden claims", droppedClaimWarnings));
        table.append(String.format(
                "%-44s %d / %d = %.2f%%%n",
                "posts passing every limit and claims check", passing, posts, 100.0 * passing / posts));
        table.append(String.format(
                "%-44s %.0f (min %.0f, max %.0f, %d rounds)%n",
                "posts per second (median)",
                postsPerSecond.get(ROUNDS / 2),
                postsPerSecond.get(0),
                postsPerSecond.get(ROUNDS - 1),
                ROUNDS));
        failures.forEach((code, count) -> table.append(String.format("%-44s %d%n", "failing: " + code, count)));
        examples.forEach(
                example -> table.append("example failure: ").append(example).append('\n'));
        System.err.print(table);
    }

    private static int generateAll(DeterministicPostGenerator generator, List<GenerationRequest> corpus) {
        int count = 0;
        for (GenerationRequest request : corpus) {
            for (ChannelPosts channelPosts : generator.generate(request).channels())
                count += channelPosts.posts().size();
        }
        return count;
    }
}
