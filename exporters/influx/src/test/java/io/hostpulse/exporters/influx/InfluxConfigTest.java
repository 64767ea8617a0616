package io.hostpulse.exporters.influx;

import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.lineprotocol.Precision;
import io.hostpulse.exporters.pipeline.BufferConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxConfigTest {

    private static ConfigNode node(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return ConfigNode.of(m);
    }

    @Test
    void v2IsTheDefaultWithGzipSecondsAndTheTelegrafBatchSize() {
        ConfigNode n = node("bucket", "hostpulse", "org", "home", "token", "t0k3n");
        InfluxConfig c = InfluxConfig.from(n, true);
        n.finish();
        assertThat(n.problems().all()).isEmpty();
        assertThat(c.api()).isEqualTo(InfluxConfig.Api.V2);
        assertThat(c.gzip()).isTrue();
        assertThat(c.precision()).isEqualTo(Precision.SECONDS);
        assertThat(c.name()).isEqualTo("influxdb");
        assertThat(c.buffer().batchSize()).isEqualTo(1000);
        assertThat(c.buffer().spool()).isTrue();
        assertThat(n.secretPaths()).containsExactly("token");
    }

    @Test
    void v1DefaultsToNoGzipAndReadsItsKeys() {
        ConfigNode n = node("api", "v1", "url", "https://influx.lan:8086/", "database", "telegraf",
                "retention_policy", "autogen", "username", "u", "password", "p", "precision", "ms",
                "name", "nas", "spool", false, "buffer_limit", 5000, "flush_interval", "5s", "spool_fsync", "always");
        InfluxConfig c = InfluxConfig.from(n, true);
        n.finish();
        assertThat(n.problems().all()).isEmpty();
        assertThat(c.gzip()).isFalse();
        assertThat(c.base()).isEqualTo("https://influx.lan:8086");
        assertThat(c.precision()).isEqualTo(Precision.MILLISECONDS);
        assertThat(c.name()).isEqualTo("nas");
        assertThat(c.buffer().spool()).isFalse();
        assertThat(c.buffer().maxItems()).isEqualTo(5000);
        assertThat(c.buffer().flushInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.buffer().fsync()).isEqualTo(BufferConfig.Fsync.ALWAYS);
        assertThat(n.secretPaths()).containsExactly("password");
    }

    @Test
    void everyMistakeIsReportedWithItsKey() {
        ConfigNode n = node("url", "influx.lan:8086", "precision", "minutes", "api", "v3", "timeout", "0",
                "batch_size", 0, "name", "bad name/..", "buckte", "x");
        InfluxConfig.from(n, false);
        n.finish();
        assertThat(String.join("\n", n.problems().all()))
                .contains("url: \"influx.lan:8086\" must start with http:// or https://")
                .contains("precision: \"minutes\" is not a precision (ns, us, ms or s)")
                .contains("api: \"v3\" is not one of v1, v2")
                .contains("timeout: must be longer than 0s")
                .contains("batch_size: 0 is out of range")
                .contains("name: \"bad name/..\" must be 1 to 64")
                .contains("bucket: is required with api: v2")
                .contains("buckte: unknown key (did you mean 'bucket'?)");
    }

    @Test
    void urlWithTheWritePathOrCredentialsIsRefused() {
        for (String u : new String[]{"http://h:8086/write", "http://h:8086/api/v2/write", "http://u:p@h:8086",
                "http://h:8086?db=x", "http://:8086", "ftp://h"}) {
            ConfigNode n = node("api", "v1", "url", u);
            InfluxConfig.from(n, false);
            assertThat(n.problems().all()).as(u).anyMatch(p -> p.contains("url:"));
        }
    }

    @Test
    void v1WithUserNeedsAPasswordAndV2CreateNeedsAnOrg() {
        ConfigNode a = node("api", "v1", "username", "u");
        InfluxConfig.from(a, false);
        assertThat(a.problems().all()).anyMatch(p -> p.contains("password: is required"));
        ConfigNode b = node("bucket", "b", "create", true);
        InfluxConfig.from(b, false);
        assertThat(b.problems().all()).anyMatch(p -> p.contains("org: is required"));
    }
}
