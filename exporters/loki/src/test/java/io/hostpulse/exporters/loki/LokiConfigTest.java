package io.hostpulse.exporters.loki;

import io.hostpulse.core.config.ConfigException;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LokiConfigTest {

    static LokiConfig read(Map<String, Object> m) throws ConfigException {
        ConfigProblems p = new ConfigProblems("hostpulse.yaml");
        ConfigNode n = ConfigNode.root(p, new HashMap<>(m));
        LokiConfig c = LokiConfig.from(n, true);
        n.finish();
        p.throwIfAny();
        return c;
    }

    @Test
    void defaults() throws Exception {
        LokiConfig c = read(Map.of());
        assertThat(c.name()).isEqualTo("loki");
        assertThat(c.pushUrl()).hasToString("http://127.0.0.1:3100/loki/api/v1/push");
        assertThat(c.format()).isEqualTo(LokiConfig.Format.PROTOBUF);
        assertThat(c.tenant()).isEmpty();
        assertThat(c.agentLogs()).isTrue();
        assertThat(c.agentLogLevel()).isEqualTo("INFO");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.buffer().spool()).isTrue();
    }

    @Test
    void baseOrFullPushUrlAndEveryKey() throws Exception {
        LokiConfig c = read(Map.of("url", "https://logs.example.com/", "tenant", "t1", "bearer_token", "abc",
                "format", "json", "labels", Map.of("env", "prod", "dc", "fra"), "batch_size", 50, "agent_logs", false,
                "agent_log_level", "warn", "name", "loki-eu"));
        assertThat(c.pushUrl()).hasToString("https://logs.example.com/loki/api/v1/push");
        assertThat(c.staticLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "dc", "fra"));
        assertThat(c.buffer().batchSize()).isEqualTo(50);
        assertThat(c.agentLogLevel()).isEqualTo("WARN");
        assertThat(read(Map.of("url", "http://gw:8080/loki/api/v1/push")).pushUrl()).hasToString("http://gw:8080/loki/api/v1/push");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("bad-name", "x");
        labels.put("host", "y");
        labels.put("__meta", "z");
        labels.put("empty", "");
        assertThatThrownBy(() -> read(Map.of("url", "loki:3100", "format", "xml", "labels", labels,
                "username", "u", "bearer_token", "t", "timeout", "0s", "colour", "red")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("url").hasMessageContaining("must start with http")
                .hasMessageContaining("format")
                .hasMessageContaining("\"bad-name\" is not a valid Loki label name")
                .hasMessageContaining("\"host\" is set by the agent")
                .hasMessageContaining("\"__meta\" starts with '__'")
                .hasMessageContaining("\"empty\" has an empty value")
                .hasMessageContaining("password: is required when username is set")
                .hasMessageContaining("not both")
                .hasMessageContaining("timeout")
                .hasMessageContaining("colour: unknown key");
    }

    @Test
    void tooManyStaticLabelsWouldBreakLokisLimitOf15() {
        Map<String, Object> labels = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            labels.put("l" + i, "v");
        }
        assertThatThrownBy(() -> read(Map.of("labels", labels))).hasMessageContaining("10 static labels; at most 9");
    }
}
