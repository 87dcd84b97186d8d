package com.productos.daemon;

import com.productos.config.PrivateState;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The channel between a command and its workspace's backend: a Unix domain socket in an owner-only
 * folder, the socket itself 0600. The kernel checks the permissions on every connect, so there is no
 * token to leak and no TCP port another local user could reach.
 */
final class LocalChannel {
    private LocalChannel() {}

    /** Binds {@code socket}, replacing a stale socket file left by a backend that is gone. */
    static ServerSocketChannel bind(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PrivateState.OWNER_FILE);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Connects to the backend listening on {@code socket}; fails at once when none listens. */
    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
