package io.hostpulse.testing;

import com.github.loki4j.client.batch.LogRecord;
import com.github.loki4j.client.batch.LogRecordBatch;
import com.github.loki4j.client.util.ByteBufferFactory;
import com.github.loki4j.client.writer.JsonWriter;
import com.github.loki4j.client.writer.ProtobufWriter;
import com.github.loki4j.client.writer.Writer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test server refuses what Loki refuses (so the output tests can fail): these bodies break Loki's rules on
 * purpose and are built with Loki4j's own writers (the wire format the Loki output sends), without the output's limits.
 */
class LokiTestServerTest {
    LokiTestServer loki;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        loki = LokiTestServer.start();
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    HttpResponse<String> post(String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(loki.url() + "/loki/api/v1/push")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long nowNs() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    enum Format {
        JSON("application/json"), PROTOBUF("application/x-protobuf");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }
    }

    /** A push body as Loki4j writes it: JSON, or protobuf in a snappy block. */
    static byte[] encode(List<LogRecord> records, Format f) {
        Writer w = f == Format.JSON ? new JsonWriter(4 << 20) : new ProtobufWriter(4 << 20, new ByteBufferFactory(false));
        w.serializeBatch(new LogRecordBatch(records.toArray(new LogRecord[0])));
        return w.toByteArray();
    }

    static LogRecord rec(long ns, Map<String, String> stream, String line, Map<String, String> md) {
        return LogRecord.create(ns / 1_000_000L, (int) (ns % 1_000_000L), stream, line, md);
    }

    @Test
    void sixteenLabelsAreRefusedInBothFormats() throws Exception {
        Map<String, String> stream = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            stream.put("l" + i, "v");
        }
        for (Format f : Format.values()) {
            byte[] body = encode(List.of(rec(nowNs(), stream, "x", Map.of())), f);
            HttpResponse<String> r = post(f.contentType, body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("has 16 label names; limit 15");
        }
        assertThat(loki.entries()).isEmpty();
    }

    @Test
    void badLabelNamesLongLinesAndTooMuchMetadataAreRefusedValidEntriesKept() throws Exception {
        long t = nowNs();
        Map<String, String> bigMd = new HashMap<>();
        for (int i = 0; i < 129; i++) {
            bigMd.put("m" + i, "v");
        }
        byte[] body = encode(List.of(
                rec(t, Map.of("ok", "1"), "kept", Map.of()),
                rec(t, Map.of("ok", "2"), "y".repeat(256 * 1024 + 1), Map.of()),
                rec(t, Map.of("ok", "3"), "many", bigMd),
                rec(t, Map.of("ok", "4"), "huge", Map.of("m", "z".repeat(64 * 1024)))), Format.PROTOBUF);
        HttpResponse<String> r = post("application/x-protobuf", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("max entry size '262144' bytes exceeded")
                .contains("too many structured metadata labels: '129', limit: '128'")
                .contains("structured metadata too large");
        assertThat(loki.entries()).extracting(LokiTestServer.Entry::line).containsExactly("kept");

        HttpResponse<String> bad = post("application/json",
                ("{\"streams\":[{\"stream\":{\"bad-name\":\"x\"},\"values\":[[\"" + t + "\",\"l\"]]}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid label name");
        HttpResponse<String> none = post("application/json",
                ("{\"streams\":[{\"stream\":{},\"values\":[[\"" + t + "\",\"l\"]]}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(none.body()).contains("at least one label pair is required");
        assertThat(post("text/plain", new byte[]{1}).statusCode()).isEqualTo(415);
        assertThat(post("application/x-protobuf", new byte[]{1, 2, 3}).statusCode()).isEqualTo(400);
    }

    @Test
    void entriesMoreThanAnHourBehindTheStreamsNewestAreOutOfOrder() throws Exception {
        long t = nowNs();
        Map<String, String> s = Map.of("source", "docker");
        byte[] first = encode(List.of(rec(t, s, "new", Map.of())), Format.JSON);
        assertThat(post("application/json", first).statusCode()).isEqualTo(204);
        long older = t - 3_600_000_000_000L - 1;
        byte[] late = encode(List.of(rec(t - 1_000_000_000L, s, "slightly older: fine", Map.of()),
                rec(older, s, "too old", Map.of())), Format.JSON);
        HttpResponse<String> r = post("application/json", late);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("entry too far behind");
        // another stream has its own window
        byte[] other = encode(List.of(rec(older, Map.of("source", "smart"), "other stream", Map.of())), Format.JSON);
        assertThat(post("application/json", other).statusCode()).isEqualTo(204);
        assertThat(loki.entries()).extracting(LokiTestServer.Entry::line).containsExactly("new", "slightly older: fine", "other stream");
    }

    @Test
    void labelTextIsParsedLikeLoki() throws Exception {
        assertThat(LokiTestServer.parseLabels("{a=\"x\", b=\"q\\\"uote\"}")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "x", "b", "q\"uote"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LokiTestServer.parseLabels("{a=\"x\",a=\"y\"}"))
                .hasMessageContaining("duplicate label name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LokiTestServer.parseLabels("{a=\"C:\\x\"}"))
                .hasMessageContaining("unknown escape sequence");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LokiTestServer.parseLabels("{a=\"two\nlines\"}"))
                .hasMessageContaining("unterminated quoted string");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LokiTestServer.parseLabels("a=x"))
                .hasMessageContaining("Error parsing labels");
    }
}
