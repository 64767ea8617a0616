package io.hostpulse.dashboards;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogQlTest {

    @Test
    void readsSelectorsPipelinesAndMetricQueries() {
        LogQl.Parsed p = LogQl.parse("{host=~\"(a|b)\", source=\"docker\"} | action=\"die\" | exit_code!=\"0\" |= \"died\"");
        assertThat(p.streamLabels()).containsExactly("host", "source");
        assertThat(p.filteredLabels()).containsExactly("action", "exit_code");

        LogQl.Parsed m = LogQl.parse("sum by (source, level) (count_over_time({host=\"a\"} | action=~\"die|oom\" [5m]))");
        assertThat(m.streamLabels()).containsExactly("host");
        assertThat(m.groupedLabels()).containsExactly("source", "level");
        assertThat(LogQl.parse("{source=`smart`} | restarts > 2").filteredLabels()).containsExactly("restarts");
    }

    @Test
    void rejectsWhatLokiRejects() {
        assertThatThrownBy(() -> LogQl.parse("{host=~\".*\"}")).hasMessageContaining("empty-compatible");
        assertThatThrownBy(() -> LogQl.parse("{host=\"a\"")).hasMessageContaining("expected '}'");
        assertThatThrownBy(() -> LogQl.parse("{host=\"a\"} | action=die")).hasMessageContaining("needs a string");
        assertThatThrownBy(() -> LogQl.parse("{host=~\"(a\"}")).hasMessageContaining("bad regex");
        assertThatThrownBy(() -> LogQl.parse("{host=\"a\\|b\"}")).hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> LogQl.parse("count_over_time({host=\"a\"} [$__interval])")).hasMessageContaining("bad range duration");
        assertThatThrownBy(() -> LogQl.parse("rate({host=\"a\"})")).hasMessageContaining("expected '['");
        assertThatThrownBy(() -> LogQl.parse("{host=\"a\"} extra")).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> LogQl.parse("median({host=\"a\"})")).hasMessageContaining("unknown function");
    }
}
