package com.productos.executorserver;

import com.productos.executors.ExecutorProtocol;
import com.productos.json.Json;
import java.util.List;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code GET /healthz} before any credential check, so load balancers and the embedded
 * start-up probe can see the server is up without holding the token.
 */
final class HealthCheckHandler extends Handler.Wrapper {
    private final List<String> executorNames;

    HealthCheckHandler(List<String> executorNames, Handler next) {
        super(next);
        this.executorNames = List.copyOf(executorNames);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!ExecutorProtocol.HEALTH_PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put("Allow", "GET, HEAD");
            JsonResponses.sendError(
                    response, callback, 405, "method_not_allowed", ExecutorProtocol.HEALTH_PATH + " answers GET only");
            return true;
        }
        ObjectNode body = Json.object().put("status", "ok");
        executorNames.forEach(body.putArray("executors")::add);
        JsonResponses.send(response, callback, 200, body);
        return true;
    }
}
