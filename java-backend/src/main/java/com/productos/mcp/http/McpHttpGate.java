package com.productos.mcp.http;

import com.productos.mcp.InboundFilter;
import com.productos.mcp.InboundMessage;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * What every HTTP request passes before the SDK's servlet: the Host and Origin checks the MCP spec asks
 * of a local server (DNS-rebinding protection), the bearer token, a bound on the body, and the inbound
 * filter (malformed JSON-RPC answered here, cancellations applied, tools/call tagged with its id).
 */
final class McpHttpGate implements Filter {
    /** JSON-RPC "server error" range: transport refusals that are not about the message. */
    private static final int TRANSPORT_REFUSED = -32001;

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final InboundFilter inbound;
    private final byte[] token;
    private final Path tokenFile;
    private final Set<String> extraOrigins;
    private final Set<String> extraHosts;
    private final int maxBodyBytes;

    McpHttpGate(
            InboundFilter inbound,
            String token,
            Path tokenFile,
            Set<String> extraOrigins,
            Set<String> extraHosts,
            int maxBodyBytes) {
        this.inbound = inbound;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.tokenFile = tokenFile;
        this.extraOrigins = extraOrigins;
        this.extraHosts = extraHosts;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String host = request.getHeader("Host");
        if (host == null || !allowedHost(host)) {
            refuse(
                    response,
                    403,
                    "Host '" + host + "' is not a name of this server; it answers only loopback names"
                            + " (DNS-rebinding protection), so use http://127.0.0.1:PORT/mcp");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !allowedOrigin(origin)) {
            refuse(
                    response,
                    403,
                    "Origin '" + origin + "' may not call this server; only loopback pages may,"
                            + " unless it is started with --allow-origin " + origin);
            return;
        }
        if (!hasToken(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"productos\"");
            refuse(
                    response,
                    401,
                    "missing or wrong bearer token; send 'Authorization: Bearer TOKEN' with the token" + " kept in "
                            + tokenFile);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            drainQuietly(request);
            refuse(response, 413, tooLarge());
            return;
        }
        byte[] body = readBounded(request.getInputStream());
        if (body == null) {
            refuse(response, 413, tooLarge());
            return;
        }
        String session = request.getHeader("Mcp-Session-Id");
        InboundMessage verdict = inbound.accept(body, session == null ? "" : session);
        if (verdict instanceof InboundMessage.Forward forward) {
            chain.doFilter(new CachedBodyRequest(request, forward.json()), response);
        } else if (verdict instanceof InboundMessage.Refuse refusal) {
            write(response, refusal.httpStatus(), refusal.json());
        } else {
            response.setStatus(202);
        }
    }

    private boolean allowedHost(String hostHeader) {
        String name = hostOf(hostHeader);
        return LOOPBACK_NAMES.contains(name) || extraHosts.contains(name);
    }

    private boolean allowedOrigin(String origin) {
        if (extraOrigins.contains(origin)) return true;
        try {
            URI uri = URI.create(origin);
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme))
                    && uri.getHost() != null
                    && LOOPBACK_NAMES.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    private boolean hasToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    private static String hostOf(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int count;
        while ((count = in.read(buffer)) >= 0) {
            if (body.size() + count > maxBodyBytes) {
                in.transferTo(OutputSink.INSTANCE);
                return null;
            }
            body.write(buffer, 0, count);
        }
        return body.toByteArray();
    }

    private static void drainQuietly(HttpServletRequest request) {
        try {
            request.getInputStream().transferTo(OutputSink.INSTANCE);
        } catch (IOException clientGone) {
            // Nothing to keep: the answer is a refusal either way.
        }
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBodyBytes / (1024 * 1024) + " MiB; send smaller inputs"
                + " (large files go through events.import_file)";
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, InboundFilter.errorResponse(null, TRANSPORT_REFUSED, message));
    }

    private static void write(HttpServletResponse response, int status, byte[] json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** Discards what a refused request still sends, so the connection can be reused. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] bytes, int offset, int length) {}
    }
}
