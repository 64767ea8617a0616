package io.hostpulse.exporters.notify;

import io.hostpulse.core.http.ReplyPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The thin I/O part: one GET or POST with a hard timeout; never throws, the reply says what went wrong. Redirects
 * are not followed (the agent's {@link ReplyPolicy}: a redirected POST would lose its body) and at most
 * {@link ReplyPolicy#MAX_BODY_BYTES} of a reply are read.
 */
final class HttpTransport {
    private final HttpClient client;

    HttpTransport(Duration connectTimeout) {
        client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    HttpReply get(URI uri, Duration timeout) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "hostpulse").build());
    }

    HttpReply post(URI uri, Map<String, String> headers, String contentType, String body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("User-Agent", "hostpulse").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b.build());
    }

    private HttpReply send(HttpRequest req) {
        try {
            HttpResponse<String> r = client.send(req, ReplyPolicy.cappedBody());
            return new HttpReply(r.statusCode(), r.body(), null, ReplyPolicy.header(r, "Retry-After"),
                    ReplyPolicy.header(r, "Location"));
        } catch (HttpTimeoutException e) {
            return HttpReply.failed("no answer within " + req.timeout().map(Duration::toMillis).orElse(0L) + " ms");
        } catch (IOException e) {
            String m = e.getMessage();
            return HttpReply.failed(e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.failed("interrupted");
        } catch (IllegalArgumentException e) {
            return HttpReply.failed("bad request: " + e.getMessage());
        }
    }
}
