package com.productos.executorserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}. Both sides are hashed
 * before {@link MessageDigest#isEqual} so the comparison takes the same time whatever the length or
 * content of what was sent.
 */
final class BearerAuthHandler extends Handler.Wrapper {
    private static final String PREFIX = "Bearer ";
    private final byte[] expectedDigest;

    BearerAuthHandler(InboundAuth auth, Handler next) {
        super(next);
        this.expectedDigest = auth.required() ? sha256(auth.bearerToken()) : null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (expectedDigest == null || authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        JsonResponses.sendError(
                response,
                callback,
                401,
                "unauthorized",
                "missing or wrong bearer token; send Authorization: Bearer <the token this executor was started with>");
        return true;
    }

    private boolean authorized(String header) {
        if (header == null
                || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return MessageDigest.isEqual(
                expectedDigest, sha256(header.substring(PREFIX.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
