package com.productos.brand.firestore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The npm Firestore emulator (@firestore-emulator/server, installed by
 * {@code npm ci --prefix test-fixtures/firestore-emulator}) run with node on a free loopback port.
 */
public final class FirestoreEmulator implements AutoCloseable {
    private final Process process;
    private final int port;

    private FirestoreEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static FirestoreEmulator start() throws IOException, InterruptedException {
        Path dir = locate();
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("@firestore-emulator"))) {
            throw new IllegalStateException("the Firestore emulator is not installed; run: npm ci --prefix " + dir);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("node", "start.js", Integer.toString(port))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        FirestoreEmulator emulator = new FirestoreEmulator(process, port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!emulator.accepts()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                emulator.close();
                throw new IllegalStateException("the Firestore emulator did not start on port " + port);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return emulator;
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path locate() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("test-fixtures").resolve("firestore-emulator");
            if (Files.isRegularFile(candidate.resolve("package.json"))) return candidate;
        }
        throw new IllegalStateException("test-fixtures/firestore-emulator not found above "
                + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
