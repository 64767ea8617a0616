package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import io.hostpulse.core.Redactor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * The thin I/O side: GET requests to the Docker Engine API over docker-java's {@link DockerHttpClient}, replies
 * read as JSON trees. Only GET is ever sent (the collector is read-only). The API version is negotiated: the
 * engine's own version, capped at {@link #MAX_API}, so an old engine (20.10 speaks 1.41 and rejects 1.44) works.
 */
final class DockerSource implements AutoCloseable {
    /** Newest API version whose replies this collector was written against. */
    static final String MAX_API = "1.45";
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final DockerHttpClient http;
    private final String endpoint;
    private final String pinnedApi;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String prefix;

    DockerSource(DockerHttpClient http, String endpoint, String pinnedApi) {
        this.http = http;
        this.endpoint = Redactor.redact(endpoint);
        this.pinnedApi = pinnedApi;
    }

    /** A client for the endpoint: unix socket, tcp or https (TLS from a cert directory with ca/cert/key.pem). */
    static DockerHttpClient httpClient(DockerConfig cfg, Duration responseTimeout, int maxConnections) {
        String ep = cfg.endpoint();
        if (ep.startsWith("http://")) {
            ep = "tcp://" + ep.substring("http://".length());
        } else if (ep.startsWith("https://")) {
            ep = "tcp://" + ep.substring("https://".length());
        }
        ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(ep))
                .maxConnections(maxConnections)
                .connectionTimeout(cfg.requestTimeout())
                .responseTimeout(responseTimeout);
        if (cfg.tlsCertPath() != null) {
            b.sslConfig(new LocalDirectorySSLConfig(cfg.tlsCertPath().toString()));
        }
        return b.build();
    }

    /**
     * Why the TLS files in {@code certDir} do not make a TLS context (a PEM that does not parse, a key that does not
     * match), or null when they do; reads the files and opens no connection.
     */
    static String tlsProblem(java.nio.file.Path certDir) {
        try {
            new LocalDirectorySSLConfig(certDir.toString()).getSSLContext();
            return null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** The versioned path prefix ("/v1.41"), asking the engine on first use and after {@link #renegotiate}. */
    String apiPrefix() throws DockerApiException {
        String p = prefix;
        if (p == null) {
            String v = pinnedApi;
            if (v == null) {
                JsonNode version = getJson("/version");
                v = negotiate(version.path("ApiVersion").asText(""), version.path("MinAPIVersion").asText(""));
            }
            p = "/v" + v;
            prefix = p;
        }
        return p;
    }

    /** Forgets the negotiated version (the engine may have been replaced by another version). */
    void renegotiate() {
        prefix = null;
    }

    static String negotiate(String engineApi, String engineMin) {
        if (!engineApi.matches("\\d+\\.\\d+")) {
            return "1.24"; // very old or unusual engines: the oldest version every engine still serves
        }
        return compare(engineApi, MAX_API) <= 0 ? engineApi : MAX_API;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    boolean apiAtLeast(String v) throws DockerApiException {
        return compare(apiPrefix().substring(2), v) >= 0;
    }

    /** GET {prefix}{path}, parsed as JSON. */
    JsonNode get(String path) throws DockerApiException {
        return getJson(apiPrefix() + path);
    }

    /** GET a path as is (no version prefix), parsed as JSON. */
    JsonNode getJson(String fullPath) throws DockerApiException {
        byte[] body;
        try (DockerHttpClient.Response r = execute(fullPath)) {
            body = readBody(r, fullPath);
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DockerApiException(0, "Docker's reply to GET " + strip(fullPath) + " is not JSON: "
                    + snippet(body));
        } catch (IOException e) {
            throw new DockerApiException(0, "cannot read Docker's reply to GET " + strip(fullPath) + ": " + e.getMessage());
        }
    }

    /** Opens a streaming GET (the events stream); the caller closes the response. */
    DockerHttpClient.Response stream(String path) throws DockerApiException {
        String full = apiPrefix() + path;
        DockerHttpClient.Response r = execute(full);
        if (r.getStatusCode() / 100 != 2) {
            try (r) {
                readBody(r, full);
            }
        }
        return r;
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends the GET; an I/O failure is retried once at once, because a pooled connection to an engine that has
     * restarted fails on first use (broken pipe) while a new one works. GET is safe to repeat.
     */
    private DockerHttpClient.Response execute(String fullPath) throws DockerApiException {
        Request req = Request.builder().method(Request.Method.GET).path(fullPath).build();
        try {
            return http.execute(req);
        } catch (RuntimeException first) {
            if (Thread.currentThread().isInterrupted() || isTimeout(first)) {
                throw translate(first, fullPath); // a timeout is not repeated: the caller's time limit stands
            }
            try {
                return http.execute(req);
            } catch (RuntimeException e) {
                throw translate(e, fullPath);
            }
        }
    }

    private byte[] readBody(DockerHttpClient.Response r, String fullPath) throws DockerApiException {
        byte[] body;
        try (InputStream in = r.getBody()) {
            body = in.readNBytes(MAX_BODY);
        } catch (IOException | RuntimeException e) {
            throw translate(e, fullPath);
        }
        int status = r.getStatusCode();
        if (status / 100 != 2) {
            String msg = body.length == 0 ? "" : messageOf(body);
            throw new DockerApiException(status, "Docker answered " + status + " to GET " + strip(fullPath)
                    + (msg.isEmpty() ? "" : ": " + msg));
        }
        return body;
    }

    private String messageOf(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return oneLine(n.get("message").asText());
            }
        } catch (IOException ignored) {
            // not JSON: show the start of the text
        }
        return snippet(body);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    DockerApiException translate(Throwable e, String fullPath) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SocketTimeoutException || root instanceof InterruptedIOException) {
                break;
            }
            root = root.getCause();
        }
        String what = "GET " + strip(fullPath);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : oneLine(root.getMessage());
        if (root instanceof SocketTimeoutException || root instanceof InterruptedIOException
                || m.toLowerCase().contains("timed out") || m.toLowerCase().contains("timeout")) {
            return new DockerApiException(0, "Docker did not answer " + what + " in time (" + endpoint + ")", e);
        }
        String lower = m.toLowerCase();
        if (root instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new DockerApiException(0, "permission denied on " + endpoint
                    + " (the agent's user needs read access to the Docker socket, e.g. the docker group)", e);
        }
        if (root instanceof NoSuchFileException || lower.contains("no such file")) {
            return new DockerApiException(0, "no Docker socket at " + endpoint + " (is Docker running? is the socket mounted?)", e);
        }
        if (root instanceof ConnectException || lower.contains("connection refused") || lower.contains("connect")) {
            return new DockerApiException(0, "cannot connect to Docker at " + endpoint + ": " + m, e);
        }
        return new DockerApiException(0, "Docker request " + what + " failed at " + endpoint + ": " + m, e);
    }

    private static String strip(String fullPath) {
        int q = fullPath.indexOf('?');
        return Redactor.redact(q < 0 ? fullPath : fullPath.substring(0, q));
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 80), java.nio.charset.StandardCharsets.UTF_8);
        return body.length == 0 ? "(empty)" : "\"" + oneLine(s) + (body.length > 80 ? "...\"" : "\"");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // closing a pooled client: nothing useful to do
        }
    }
}
