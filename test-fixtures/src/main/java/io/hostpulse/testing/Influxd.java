package io.hostpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.lineprotocol.Precision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real InfluxDB 1.x (Debian package influxdb, influxd 1.6) for tests, with InfluxQL read-back. */
public final class Influxd extends ServerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final int rpcPort = freePort();

    public Influxd() {
        super("influxd", "influxdb", "hostpulse-influxd-");
    }

    public static Influxd started() {
        Influxd i = new Influxd();
        i.start();
        return i;
    }

    @Override
    protected List<String> command(Path binary) throws IOException {
        Path conf = dir.resolve("influxdb.conf");
        Files.writeString(conf, """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [logging]
                  level = "warn"
                  suppress-logo = true
                """.formatted(rpcPort, dir, dir, dir, port));
        return List.of(binary.toString(), "run", "-config", conf.toString());
    }

    @Override
    protected String readyPath() {
        return "/ping";
    }

    /** Runs InfluxQL (epoch=ns) and returns the parsed JSON reply. */
    public JsonNode query(String db, String q) {
        String body = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + (db == null ? "" : "&db=" + URLEncoder.encode(db, StandardCharsets.UTF_8)) + "&epoch=ns";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/query"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("query " + q + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<long[]> seqs(String db, String measurement) {
        List<long[]> l = new java.util.ArrayList<>();
        for (List<JsonNode> r : select(db, "SELECT seq FROM \"" + measurement + "\"").values()) {
            l.add(new long[]{r.get(1).asLong(), r.get(0).asLong() / 1_000_000L});
        }
        return l;
    }

    /** Runs InfluxQL (several statements may be separated by ';') with nanosecond times; the reply as it came. */
    public HttpResponse<String> queryRaw(String db, String q) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/query"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("epoch=ns&db=" + enc(db) + "&q=" + enc(q))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs line protocol to /write; the reply as it came. */
    public HttpResponse<String> write(String db, Precision precision, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/write?db=" + enc(db) + "&precision=" + precision.apiName()))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An InfluxQL double-quoted identifier. */
    public static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    public void createDatabase(String db) {
        query(null, "CREATE DATABASE \"" + db + "\"");
    }

    /** The rows of the first series of a query, each a list of values in column order, plus the column names. */
    public record Rows(List<String> columns, List<List<JsonNode>> values) {
        public int column(String name) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new AssertionError("no column " + name + " in " + columns);
            }
            return i;
        }
    }

    public Rows select(String db, String q) {
        JsonNode series = query(db, q).path("results").path(0).path("series");
        if (!series.isArray() || series.isEmpty()) {
            return new Rows(List.of(), List.of());
        }
        JsonNode s = series.get(0);
        List<String> cols = new java.util.ArrayList<>();
        s.path("columns").forEach(c -> cols.add(c.asText()));
        List<List<JsonNode>> rows = new java.util.ArrayList<>();
        s.path("values").forEach(v -> {
            List<JsonNode> row = new java.util.ArrayList<>();
            v.forEach(row::add);
            rows.add(row);
        });
        return new Rows(cols, rows);
    }
}
