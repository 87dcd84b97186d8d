package com.productos.deploy.local;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputFields;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The source of a local deploy: a git repository on this machine (a path or a file:// URL). The tree
 * of the resolved commit is exported with git itself ({@code git archive | tar -x}), so uncommitted
 * changes and the repo's .git never reach a revision.
 */
final class GitSource {
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(2);

    private GitSource() {}

    /** The repository folder named by {@code repo}; 400 on /repo when it is not a local git repository. */
    /** A relative path is taken from the workspace folder, as events.import_file takes its files. */
    static Path repositoryPath(String repo, Path workspaceRoot) throws ExecutorFailure {
        Path path;
        if (repo.startsWith("file://")) {
            try {
                path = Path.of(URI.create(repo));
            } catch (IllegalArgumentException e) {
                throw InputFields.invalid("/repo", "repo '" + repo + "' is not a valid file:// URL");
            }
        } else if (repo.contains("://") || repo.matches("[\\w.-]+@[\\w.-]+:.*")) {
            throw InputFields.invalid(
                    "/repo",
                    "the local deploy target deploys from a git repository on this machine"
                            + " (a path or file:// URL); clone '" + repo + "' first, or set deploy.backend: cloudrun");
        } else {
            path = workspaceRoot.resolve(repo);
        }
        path = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw InputFields.invalid(
                    "/repo", "repo folder " + path + " does not exist; pass the path of a git repository");
        }
        try {
            CommandResult check = Commands.run(
                    List.of("git", "-C", path.toString(), "rev-parse", "--git-dir"),
                    path,
                    Map.of(),
                    GIT_TIMEOUT,
                    line -> {});
            if (!check.succeeded()) {
                throw InputFields.invalid(
                        "/repo", path + " is not a git repository; run 'git init' and commit the service there");
            }
        } catch (IOException e) {
            throw ExecutorFailure.unavailable(
                    "cannot run git (" + e.getMessage() + "); install git and put it on PATH");
        }
        return path;
    }

    /** The full commit id {@code ref} names in {@code repository}; 400 on /ref when it does not resolve. */
    static String resolveCommit(Path repository, String ref) throws ExecutorFailure {
        if (ref.startsWith("-") || ref.contains("\n")) {
            throw InputFields.invalid("/ref", "ref '" + ref + "' is not a git ref (branch, tag or commit)");
        }
        try {
            CommandResult result = Commands.run(
                    List.of(
                            "git",
                            "-C",
                            repository.toString(),
                            "rev-parse",
                            "--verify",
                            "--quiet",
                            "--end-of-options",
                            ref + "^{commit}"),
                    repository,
                    Map.of(),
                    GIT_TIMEOUT,
                    line -> {});
            String commit = result.output().trim();
            if (!result.succeeded() || !commit.matches("[0-9a-f]{40,64}")) {
                throw InputFields.invalid(
                        "/ref",
                        "ref '" + ref + "' does not resolve to a commit in " + repository
                                + "; use a branch, tag or commit id that exists there (git branch -a, git tag)");
            }
            return commit;
        } catch (IOException e) {
            throw ExecutorFailure.unavailable(
                    "cannot run git (" + e.getMessage() + "); install git and put it on PATH");
        }
    }

    /** Writes the tree of {@code commit} into the empty folder {@code target}. */
    static void exportTree(Path repository, String commit, Path target) throws IOException {
        Files.createDirectories(target);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder("git", "-C", repository.toString(), "archive", "--format=tar", commit)
                        .redirectError(ProcessBuilder.Redirect.PIPE),
                new ProcessBuilder("tar", "-x", "-f", "-", "-C", target.toString()).redirectErrorStream(true)));
        try {
            for (Process process : pipeline) {
                if (!process.waitFor(GIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    pipeline.forEach(Process::destroyForcibly);
                    throw new IOException(
                            "exporting " + commit + " took longer than " + GIT_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            pipeline.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while exporting " + commit);
        }
        for (Process process : pipeline) {
            if (process.exitValue() != 0) {
                String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (error.isEmpty())
                    error = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new IOException("exporting " + commit + " failed ("
                        + process.info().command().orElse("git/tar") + " exit " + process.exitValue() + "): " + error);
            }
        }
    }
}
