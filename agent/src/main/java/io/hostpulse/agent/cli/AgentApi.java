package io.hostpulse.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a running agent's live-view API ({@code /api/v1/...}) for {@code hostpulse status} and {@code hostpulse top}. */
final class AgentApi {
    static final String DEFAULT_URL = "http://127.0.0.1:9366";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The agent answered, but not with a snapshot (401 without the right token, 404 without a live view ...). */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final String base;
    private final String token;
    private final HttpClient client;
    private final Duration timeout;

    AgentApi(String url, String token, Duration timeout) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String url() {
        return base;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(text(path));
    }

    /** The body of a 200 answer. */
    String text(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401) {
            throw new Refused(base + " requires a token (--token, or HOSTPULSE_TOKEN)");
        }
        if (r.statusCode() != 200) {
            throw new Refused(base + path + " answered HTTP " + r.statusCode() + " (is the live view off in this agent?)");
        }
        return r.body();
    }
}
