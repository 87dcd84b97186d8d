package com.productos.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The bearer token of {@code productos mcp --http}: 32 random bytes, generated on first start into a file
 * only its owner can read (0600), and reused after that so a client's configuration keeps working.
 */
public final class McpTokenFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The token and whether this call generated it (only then is it shown, once). */
    public record Token(String value, boolean generated) {}

    private McpTokenFile() {}

    public static Token loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) return new Token(read(file), false);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            try {
                if (supportsPosix(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException anotherStartWon) {
                return new Token(read(file), false);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return new Token(token, true);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the MCP token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            // A token others can read is no secret: narrow it back to the owner.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < 32) {
            throw new IllegalArgumentException(
                    "the MCP token file " + file + " holds no usable token; delete it and start again to generate one");
        }
        return token;
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
