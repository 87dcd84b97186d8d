package com.productos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos tour}: a short walk through the CLI on a workspace, printing each command before
 * its output: the tools, a brand profile set and read back, events imported and a funnel and its
 * drivers, posts drafted in the brand's voice, a publish that waits for approval, and the run history.
 * Run from the repository folder, it uses the sample events in test-fixtures/analytics/.
 */
@Command(name = "tour", description = "A short guided run of the CLI on the embedded defaults.")
final class TourCommand implements Callable<Integer> {
    private static final Path SAMPLE_EVENTS = Path.of("test-fixtures", "analytics", "synthetic-events-200-users.jsonl");

    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace to use (default: current folder).")
    Path workspace = Path.of(".");

    private static final String PROFILE = "{\"profile_id\":\"default\",\"patch\":{"
            + "\"name\":\"Acme Analytics\","
            + "\"voice\":{\"tone\":[\"plain\",\"confident\"],\"style_notes\":[\"short sentences\"],"
            + "\"do\":[\"show the number\"],\"dont\":[\"hype\"]},"
            + "\"audience\":{\"primary\":\"founders of small SaaS teams\"},"
            + "\"claims_policy\":{\"forbidden_claims\":[\"guaranteed growth\"],"
            + "\"required_disclaimers\":[\"Results vary.\"]}}}";
    private static final String FUNNEL =
            "{\"range_days\":90,\"as_of\":\"2026-03-31T00:00:00Z\",\"funnel\":{\"name\":\"onboarding\","
                    + "\"steps\":[{\"event_name\":\"visit\"},{\"event_name\":\"signup\"},{\"event_name\":\"activate\"},{\"event_name\":\"purchase\"}]}}";
    private static final String DRIVERS = "{\"range_days\":90,\"as_of\":\"2026-03-31T00:00:00Z\","
            + "\"target\":{\"metric\":\"purchase\",\"event_name\":\"purchase\"}}";
    private static final String POSTS =
            "{\"brand_profile_id\":\"default\",\"channels\":[\"x\",\"linkedin\"],\"variations_per_channel\":1,"
                    + "\"brief\":{\"goal\":\"more activated teams\",\"product\":\"Acme Analytics\",\"audience\":\"founders\","
                    + "\"key_points\":[\"invite a teammate in one click\",\"see your funnel in the editor\"],"
                    + "\"call_to_action\":\"Try it today\",\"landing_page_url\":\"https://example.com/teams\"}}";
    private static final String PUBLISH =
            "{\"campaign\":{\"name\":\"teams launch\",\"posts\":[{\"channel\":\"linkedin\","
                    + "\"text\":\"Invite a teammate in one click. Results vary.\"}]},\"schedule\":{\"mode\":\"now\"}}";

    @Override
    public Integer call() {
        String ws = workspace.toString();
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"tools", "list", "--workspace", ws});
        steps.add(new String[] {"call", "brand.update_profile", "--input", PROFILE, "--workspace", ws});
        steps.add(
                new String[] {"call", "brand.get_profile", "--input", "{\"profile_id\":\"default\"}", "--workspace", ws
                });
        Path sample = copySampleEvents();
        if (sample != null) {
            steps.add(new String[] {
                "events",
                "import",
                sample.toString(),
                "--format",
                "jsonl",
                "--map",
                "user_id=user_id,event_name=event_name,timestamp=timestamp,insert_id=insert_id,properties=properties",
                "--workspace",
                ws
            });
            steps.add(new String[] {"call", "analytics.funnel_summary", "--input", FUNNEL, "--workspace", ws});
            steps.add(new String[] {"call", "analytics.top_drivers", "--input", DRIVERS, "--workspace", ws});
        }
        steps.add(new String[] {"call", "marketing.generate_channel_posts", "--input", POSTS, "--workspace", ws});
        steps.add(new String[] {"call", "marketing.publish_missinglettr", "--input", PUBLISH, "--workspace", ws});
        steps.add(new String[] {"approvals", "list", "--workspace", ws});
        steps.add(new String[] {"runs", "list", "--limit", "10", "--workspace", ws});
        for (String[] step : steps) {
            System.out.println();
            System.out.println("$ productos " + String.join(" ", quoted(step)));
            System.out.flush();
            int code = Main.execute(step);
            System.out.println("(exit " + code + ")");
            if (code != ExitCodes.OK && code != ExitCodes.APPROVAL_REQUIRED) return code;
        }
        return ExitCodes.OK;
    }

    /** Imports read files under the workspace only, so the sample goes into it first. Null without a sample. */
    private Path copySampleEvents() {
        if (!Files.exists(SAMPLE_EVENTS)) return null;
        try {
            Path copy = workspace.resolve(".productos").resolve("samples").resolve(SAMPLE_EVENTS.getFileName());
            Files.createDirectories(copy.getParent());
            return Files.copy(SAMPLE_EVENTS, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            System.err.println(
                    "cannot copy the sample events into the workspace (" + e.getMessage() + "); skipping them");
            return null;
        }
    }

    private static List<String> quoted(String[] step) {
        List<String> words = new ArrayList<>();
        for (String word : step) words.add(word.contains(" ") || word.contains("{") ? "'" + word + "'" : word);
        return words;
    }
}
