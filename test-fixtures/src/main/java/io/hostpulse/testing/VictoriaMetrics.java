package io.hostpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real VictoriaMetrics (Debian package victoria-metrics) for tests: it accepts /api/v2/write with line protocol
 * (measurement and field become the metric name {@code measurement_field}); read back with /api/v1/export.
 */
public final class VictoriaMetrics extends ServerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public VictoriaMetrics() {
        super("victoria-metrics", "victoria-metrics", "hostpulse-vm-");
    }

    public static VictoriaMetrics started() {
        VictoriaMetrics v = new VictoriaMetrics();
        v.start();
        return v;
    }

    @Override
    protected List<String> command(Path binary) {
        return List.of(binary.toString(), "-storageDataPath=" + dir.resolve("data"),
                "-httpListenAddr=127.0.0.1:" + port, "-retentionPeriod=100y", "-loggerLevel=WARN",
                "-search.latencyOffset=0s", "-search.disableCache");
    }

    @Override
    protected String readyPath() {
        return "/health";
    }

    /** One exported series: its labels, values and millisecond timestamps. */
    public record Series(JsonNode metric, List<Double> values, List<Long> timestamps) {
    }

    @Override
    public List<long[]> seqs(String db, String measurement) {
        List<long[]> l = new ArrayList<>();
        for (Series s : export("{__name__=\"" + measurement + "_seq\"}")) {
            for (int i = 0; i < s.values().size(); i++) {
                l.add(new long[]{s.values().get(i).longValue(), s.timestamps().get(i)});
            }
        }
        l.sort(java.util.Comparator.comparingLong((long[] a) -> a[1]).thenComparingLong(a -> a[0]));
        return l;
    }

    /** Forces ingested data to be searchable, then exports every series matching the selector. */
    public List<Series> export(String selector) {
        httpStatus("/internal/force_flush");
        String q = "match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&start=0";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/export?" + q)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("export: HTTP " + r.statusCode() + " " + r.body());
            }
            List<Series> out = new ArrayList<>();
            for (String line : r.body().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<Double> vals = new ArrayList<>();
                n.path("values").forEach(v -> vals.add(v.asDouble()));
                List<Long> ts = new ArrayList<>();
                n.path("timestamps").forEach(t -> ts.add(t.asLong()));
                out.add(new Series(n.path("metric"), vals, ts));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
