package io.hostpulse.exporters.notify;

import io.hostpulse.core.http.ReplyPolicy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
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

    /**
     * What failed, in words, naming only host and port (the path and query may hold a push token or a webhook
     * secret): "connection refused by 127.0.0.1:3001", "cannot resolve host kuma.lan (DNS)". Java's HttpClient
     * gives a bare ConnectException with no message for most of these.
     */
    static String describe(IOException e, URI uri) {
        String where = hostPort(uri);
        for (Throwable c = e; c != null; c = c.getCause()) { // the DNS failure is a ConnectException's cause
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "cannot resolve host " + uri.getHost() + " (DNS)";
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof NoRouteToHostException) {
                return "no route to " + where;
            }
            if (c instanceof ConnectException) {
                return c.getMessage() == null || c.getMessage().isBlank() || c.getMessage().contains("refused")
                        ? "connection refused by " + where + " (nothing listening there?)"
                        : "cannot connect to " + where + ": " + c.getMessage();
            }
            if (c instanceof SSLException) {
                return "TLS failed with " + where + ": " + c.getMessage();
            }
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + " with " + where + (m == null ? "" : ": " + m);
    }

    static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private HttpReply send(HttpRequest req) {
        try {
            HttpResponse<String> r = client.send(req, ReplyPolicy.cappedBody());
            return new HttpReply(r.statusCode(), r.body(), null, ReplyPolicy.header(r, "Retry-After"),
                    ReplyPolicy.header(r, "Location"));
        } catch (HttpConnectTimeoutException e) {
            return HttpReply.failed("no connection to " + hostPort(req.uri()) + " within "
                    + req.timeout().map(Duration::toMillis).orElse(0L) + " ms");
        } catch (HttpTimeoutException e) {
            return HttpReply.failed("no answer from " + hostPort(req.uri()) + " within "
                    + req.timeout().map(Duration::toMillis).orElse(0L) + " ms");
        } catch (IOException e) {
            return HttpReply.failed(describe(e, req.uri()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.failed("interrupted");
        } catch (IllegalArgumentException e) {
            return HttpReply.failed("bad request: " + e.getMessage());
        }
    }
}
