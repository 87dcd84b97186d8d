package com.productos.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A git repository holding a copy of test-fixtures/sample-service, for deploys in tests and benchmarks. */
public final class SampleServiceRepo {
    public static final Path FIXTURE = locateFixture();
    private final Path dir;

    private SampleServiceRepo(Path dir) {
        this.dir = dir;
    }

    /** Copies the sample service into {@code dir}, makes it a git repository and commits it on branch main. */
    public static SampleServiceRepo create(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        SampleServiceRepo repo = new SampleServiceRepo(dir);
        repo.git("init", "--quiet", "--initial-branch=main");
        repo.commitAll("sample service");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    public String url() {
        return dir.toUri().toString();
    }

    /** Writes {@code files} (path to content) and commits them; returns the new commit id. */
    public String commit(String message, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return commitAll(message);
    }

    public String commitAll(String message) throws IOException {
        git("add", "-A");
        git(
                "-c",
                "user.name=Product OS",
                "-c",
                "user.email=tests@productos.invalid",
                "commit",
                "--quiet",
                "-m",
                message);
        return git("rev-parse", "HEAD").trim();
    }

    public String git(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IOException("git " + args[0] + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        return output;
    }

    private static Path locateFixture() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("test-fixtures").resolve("sample-service");
            if (Files.isRegularFile(candidate.resolve("server.js"))) return candidate;
        }
        throw new IllegalStateException(
                "test-fixtures/sample-service not found above " + Path.of("").toAbsolutePath());
    }
}
