package io.hostpulse.exporters.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.loki4j.pkg.loki.protobuf.Push;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Test support: an in-process stand-in for Loki's distributor on {@code POST /loki/api/v1/push}, faithful to what a
 * client can observe (no Loki server can be installed here; Loki is AGPL and not packaged):
 * <ul>
 *   <li>bodies: {@code application/x-protobuf} as a snappy block (decoded with Loki4j's generated {@code logproto}
 *   classes, i.e. Loki's push.proto), and {@code application/json}, optionally gzip ({@code Content-Encoding});
 *   any other type is a 415 as in Loki</li>
 *   <li>validation with Loki 3.x defaults: label set syntax and names, at least one label, at most 15 label names,
 *   no duplicates, name 1024 and value 2048 characters, line 256 KB, structured metadata at most 128 entries and
 *   64 KB, entries per stream not older than the newest entry of that stream minus 1 h (max_chunk_age/2),
 *   not older than reject_old_samples_max_age (1 week) nor more than creation_grace_period (10 min) ahead</li>
 *   <li>answers: 204 when everything was accepted; 400 with Loki's message text (one line per refused entry; the
 *   valid entries of the same request are kept, as Loki does); 429/5xx or a closed port when told to</li>
 * </ul>
 * Accepted entries are kept in arrival order with their stream labels, nanosecond timestamps, line and metadata.
 */
final class LokiTestServer implements AutoCloseable {
    static final int MAX_LABELS = 15;
    static final int MAX_LINE = 256 * 1024;
    static final int MAX_SM_ENTRIES = 128;
    static final int MAX_SM_BYTES = 64 * 1024;
    static final Duration OUT_OF_ORDER_WINDOW = Duration.ofHours(1);
    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** One accepted entry. */
    record Entry(Map<String, String> labels, long tsNanos, String line, Map<String, String> metadata, String tenant) {
        Instant time() {
            return Instant.ofEpochSecond(0, tsNanos);
        }
    }

    /** One request as received. */
    record Request(String contentType, String encoding, String tenant, String authorization, int status, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<Map<String, String>, Long> newest = new HashMap<>();
    private final Set<String> seen = Collections.synchronizedSet(new HashSet<>());
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 503;
    private volatile String retryAfter;
    private volatile boolean echo;
    private HttpServer server;

    private LokiTestServer() {
    }

    static LokiTestServer start() throws IOException {
        LokiTestServer s = new LokiTestServer();
        s.listen(0);
        return s;
    }

    private synchronized void listen(int p) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops listening: clients get "connection refused" until {@link #resume()}. */
    synchronized int refuse() {
        int p = port();
        server.stop(0);
        return p;
    }

    /** Listens again on the same port. */
    synchronized void resume(int p) throws IOException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                listen(p);
                return;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The next n pushes are answered with this status (and Retry-After when not null), bodies discarded. */
    void failNext(int n, int status, String retryAfterSeconds) {
        failStatus = status;
        retryAfter = retryAfterSeconds;
        failNext.set(n);
    }

    /**
     * While on, every push is answered 400 with the request echoed back, as a misconfigured proxy or a debugging
     * endpoint does (httpbin's shape): the path, every header, and the basic-auth credentials decoded.
     */
    void echo(boolean on) {
        echo = on;
    }

    List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Entries pushed again with the same stream, timestamp and line (Loki would silently drop these). */
    int duplicates() {
        return duplicates.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String ct = header(ex, "Content-Type");
            String enc = header(ex, "Content-Encoding");
            String tenant = header(ex, "X-Scope-OrgID");
            String auth = header(ex, "Authorization");
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/loki/api/v1/push")) {
                reply(ex, 404, "404 page not found\n", ct, enc, tenant, auth);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (echo) {
                StringBuilder b = new StringBuilder("{\"url\": \"" + ex.getRequestURI() + "\", \"headers\": {");
                ex.getRequestHeaders().forEach((k, v) -> b.append('"').append(k).append("\": \"")
                        .append(String.join(",", v)).append("\", "));
                b.append("}");
                if (auth != null && auth.startsWith("Basic ")) {
                    b.append(", \"user\": \"").append(new String(java.util.Base64.getDecoder().decode(auth.substring(6)),
                            StandardCharsets.UTF_8)).append('"');
                }
                reply(ex, 400, b.append("}\n").toString(), ct, enc, tenant, auth);
                return;
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (retryAfter != null) {
                    ex.getResponseHeaders().add("Retry-After", retryAfter);
                }
                String msg = failStatus == 429
                        ? "Ingestion rate limit exceeded for user " + (tenant == null ? "fake" : tenant)
                        + " (limit: 4194304 bytes/sec) while attempting to ingest '1' lines totaling '1' bytes, reduce log volume or contact your Loki administrator to see if the limit can be increased\n"
                        : "Service Unavailable\n";
                reply(ex, failStatus, msg, ct, enc, tenant, auth);
                return;
            }
            List<Entry> decoded;
            try {
                if ("gzip".equalsIgnoreCase(enc)) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                String type = ct == null ? "" : ct.split(";")[0].trim();
                if (type.equals("application/x-protobuf")) {
                    decoded = protobuf(body, tenant);
                } else if (type.equals("application/json")) {
                    decoded = json(body, tenant);
                } else {
                    reply(ex, 415, "unsupported Content-Type \"" + ct + "\"\n", ct, enc, tenant, auth);
                    return;
                }
            } catch (BadRequest e) {
                reply(ex, 400, e.getMessage() + "\n", ct, enc, tenant, auth);
                return;
            } catch (IOException | RuntimeException e) {
                reply(ex, 400, "failed to parse push request: " + e.getMessage() + "\n", ct, enc, tenant, auth);
                return;
            }
            List<String> errors = validateAndStore(decoded);
            if (errors.isEmpty()) {
                reply(ex, 204, null, ct, enc, tenant, auth);
            } else {
                reply(ex, 400, String.join("\n", errors) + "\n", ct, enc, tenant, auth);
            }
        }
    }

    private void reply(HttpExchange ex, int status, String body, String ct, String enc, String tenant, String auth) throws IOException {
        requests.add(new Request(ct, enc, tenant, auth, status, body));
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static String header(HttpExchange ex, String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    private static final class BadRequest extends Exception {
        BadRequest(String m) {
            super(m);
        }
    }

    /** A stream's entries before validation; labels is the raw label text. */
    private record Raw(String labels, Map<String, String> parsed, long ts, String line, Map<String, String> md,
                       String tenant) {
    }

    private List<Entry> protobuf(byte[] body, String tenant) throws IOException, BadRequest {
        byte[] raw = Snappy.uncompress(body);
        Push.PushRequest req = Push.PushRequest.parseFrom(raw);
        List<Entry> out = new ArrayList<>();
        for (Push.StreamAdapter s : req.getStreamsList()) {
            Map<String, String> labels = parseLabels(s.getLabels());
            for (Push.EntryAdapter e : s.getEntriesList()) {
                Map<String, String> md = new LinkedHashMap<>();
                for (Push.LabelPairAdapter p : e.getStructuredMetadataList()) {
                    md.put(p.getName(), p.getValue());
                }
                long ts = e.getTimestamp().getSeconds() * 1_000_000_000L + e.getTimestamp().getNanos();
                out.add(new Entry(labels, ts, e.getLine(), md, tenant));
            }
        }
        return out;
    }

    private List<Entry> json(byte[] body, String tenant) throws IOException, BadRequest {
        JsonNode root = json.readTree(body);
        List<Entry> out = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            Map<String, String> labels = new TreeMap<>();
            for (Map.Entry<String, JsonNode> p : s.path("stream").properties()) {
                labels.put(p.getKey(), p.getValue().asText());
            }
            checkLabelSet(labels, s.path("stream").toString());
            for (JsonNode v : s.path("values")) {
                if (!v.isArray() || v.size() < 2 || !v.get(0).isTextual()) {
                    throw new BadRequest("failed to parse push request: each value must be [\"<unix ns>\", \"<line>\"(, {metadata})]");
                }
                long ts;
                try {
                    ts = Long.parseLong(v.get(0).asText());
                } catch (NumberFormatException e) {
                    throw new BadRequest("failed to parse push request: bad timestamp " + v.get(0));
                }
                Map<String, String> md = new LinkedHashMap<>();
                if (v.size() > 2) {
                    for (Map.Entry<String, JsonNode> p : v.get(2).properties()) {
                        md.put(p.getKey(), p.getValue().asText());
                    }
                }
                out.add(new Entry(labels, ts, v.get(1).asText(), md, tenant));
            }
        }
        return out;
    }

    private static final Pattern PAIR = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    /** Loki's label-set text {@code {a="x", b="y"}}. */
    static Map<String, String> parseLabels(String text) throws BadRequest {
        String t = text.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new BadRequest("Error parsing labels '" + text + "' with error: 1:1: parse error: unexpected character");
        }
        String inner = t.substring(1, t.length() - 1).trim();
        Map<String, String> out = new TreeMap<>();
        Matcher m = PAIR.matcher(inner);
        int at = 0;
        while (at < inner.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new BadRequest("Error parsing labels '" + text + "' with error: 1:" + (at + 2) + ": parse error: unexpected character");
            }
            String v = unquote(m.group(2), text);
            if (out.put(m.group(1), v) != null) {
                throw new BadRequest("stream '" + text + "' has duplicate label name: '" + m.group(1) + "'");
            }
            at = m.end();
        }
        checkLabelSet(out, text);
        return out;
    }

    /** Go's strconv.Unquote for the escapes PromQL label strings use; anything else is a parse error, as in Loki. */
    private static String unquote(String q, String text) throws BadRequest {
        StringBuilder sb = new StringBuilder(q.length());
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '\n') {
                throw new BadRequest("Error parsing labels '" + text + "' with error: 1:1: parse error: unterminated quoted string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = ++i < q.length() ? q.charAt(i) : 0;
            switch (n) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                default -> throw new BadRequest("Error parsing labels '" + text
                        + "' with error: 1:1: parse error: unknown escape sequence U+" + String.format("%04X", (int) n));
            }
        }
        return sb.toString();
    }

    private static void checkLabelSet(Map<String, String> labels, String text) throws BadRequest {
        if (labels.isEmpty()) {
            throw new BadRequest("error at least one label pair is required per stream");
        }
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!LABEL_NAME.matcher(l.getKey()).matches()) {
                throw new BadRequest("Error parsing labels '" + text + "' with error: invalid label name \"" + l.getKey() + "\"");
            }
            if (l.getKey().length() > 1024) {
                throw new BadRequest("stream '" + text + "' has label name too long: '" + l.getKey() + "'");
            }
            if (l.getValue().length() > 2048) {
                throw new BadRequest("stream '" + text + "' has label value too long: '" + l.getValue() + "'");
            }
        }
        if (labels.size() > MAX_LABELS) {
            throw new BadRequest("entry for stream '" + text + "' has " + labels.size() + " label names; limit " + MAX_LABELS);
        }
    }

    private synchronized List<String> validateAndStore(List<Entry> decoded) {
        List<String> errors = new ArrayList<>();
        long now = System.currentTimeMillis() * 1_000_000L;
        for (Entry e : decoded) {
            String stream = e.labels().toString();
            int lineBytes = e.line().getBytes(StandardCharsets.UTF_8).length;
            if (lineBytes > MAX_LINE) {
                errors.add("max entry size '" + MAX_LINE + "' bytes exceeded for stream '" + stream
                        + "' while adding an entry with length '" + lineBytes + "' bytes");
                continue;
            }
            int smBytes = 0;
            for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                smBytes += m.getKey().length() + m.getValue().length();
            }
            if (e.metadata().size() > MAX_SM_ENTRIES) {
                errors.add("stream '" + stream + "' has too many structured metadata labels: '" + e.metadata().size()
                        + "', limit: '" + MAX_SM_ENTRIES + "'. Please see `limits_config.max_structured_metadata_entries_count` or contact your Loki administrator to increase it.");
                continue;
            }
            if (smBytes > MAX_SM_BYTES) {
                errors.add("stream '" + stream + "' has structured metadata too large: '" + smBytes + "' bytes, limit: '"
                        + MAX_SM_BYTES + "' bytes. Please see `limits_config.max_structured_metadata_size` or contact your Loki administrator to increase it.");
                continue;
            }
            if (e.tsNanos() < now - Duration.ofDays(7).toNanos()) {
                errors.add("entry for stream '" + stream + "' has timestamp too old: " + e.time()
                        + ", oldest acceptable timestamp is: " + Instant.ofEpochSecond(0, now - Duration.ofDays(7).toNanos()));
                continue;
            }
            if (e.tsNanos() > now + Duration.ofMinutes(10).toNanos()) {
                errors.add("entry for stream '" + stream + "' has timestamp too new: " + e.time());
                continue;
            }
            Long max = newest.get(e.labels());
            if (max != null && e.tsNanos() < max - OUT_OF_ORDER_WINDOW.toNanos()) {
                errors.add("entry too far behind, entry timestamp is: " + e.time() + ", oldest acceptable timestamp is: "
                        + Instant.ofEpochSecond(0, max - OUT_OF_ORDER_WINDOW.toNanos()));
                continue;
            }
            newest.merge(e.labels(), e.tsNanos(), Math::max);
            if (!seen.add(stream + "\u0000" + e.tsNanos() + "\u0000" + e.line())) {
                duplicates.incrementAndGet();
            }
            entries.add(e);
        }
        return errors;
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
