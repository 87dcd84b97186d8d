package com.productos.supervisor.gemini;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps the Retry-After header of a failed Vertex AI answer for the thread that made the call:
 * google-genai's ApiException carries the status and message but drops the headers, and the loop's
 * retry policy must honour what the server asked for. Calls are synchronous, so the interceptor runs
 * on the calling thread.
 */
final class RetryAfterCapture implements Interceptor {
    private final ThreadLocal<String> last = new ThreadLocal<>();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (!response.isSuccessful()) last.set(response.header("Retry-After"));
        return response;
    }

    /** Forgets what an earlier call on this thread left. */
    void clear() {
        last.remove();
    }

    /** The Retry-After of this thread's last failed answer, or null; read once. */
    String take() {
        String value = last.get();
        last.remove();
        return value;
    }
}
