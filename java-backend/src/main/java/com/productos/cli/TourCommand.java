package com.productos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos tour}: a short walk through the CLI on a workspace, printing each command before
 * its output: the tools, a brand profile set and read back, a call that waits for approval, and the
 * run history.
 */
@Command(name = "tour", description = "A short guided run of the CLI on the embedded defaults.")
final class TourCommand implements Callable<Integer> {
    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace to use (default: current folder).")
    Path workspace = Path.of(".");

    private static final String PROFILE = "{\"profile_id\":\"default\",\"patch\":{"
            + "\"name\":\"Acme Analytics\","
            + "\"voice\":{\"tone\":[\"plain\",\"confident\"],\"style_notes\":[\"short sentences\"],"
            + "\"do\":[\"show the number\"],\"dont\":[\"hype\"]},"
            + "\"audience\":{\"primary\":\"founders of small SaaS teams\"},"
            + "\"claims_policy\":{\"forbidden_claims\":[\"guaranteed growth\"],"
            + "\"required_disclaimers\":[\"Results vary.\"]}}}";

    @Override
    public Integer call() {
        String ws = workspace.toString();
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"tools", "list", "--workspace", ws});
        steps.add(new String[] {"call", "brand.update_profile", "--input", PROFILE, "--workspace", ws});
        steps.add(new String[] {"call", "brand.get_profile", "--input", "{\"profile_id\":\"default\"}", "--workspace", ws});
        steps.add(new String[] {"call", "cloudrun.deploy_service", "--input",
                "{\"service_name\":\"web\",\"repo\":\"test-fixtures/sample-service\",\"ref\":\"HEAD\",\"env\":\"prod\",\"region\":\"local\"}",
                "--workspace", ws});
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

    private static List<String> quoted(String[] step) {
        List<String> words = new ArrayList<>();
        for (String word : step) words.add(word.contains(" ") || word.contains("{") ? "'" + word + "'" : word);
        return words;
    }
}
