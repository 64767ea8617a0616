package io.hostpulse.dashboards;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxMacrosTest {

    @Test
    void expandsTimeIntervalAndVariablesAsGrafanaDoes() {
        String q = "SELECT mean(\"x\") FROM \"cpu\" WHERE \"host\" =~ /^$host$/ AND \"c\" =~ /^${container}$/ AND [[disk]] = 1 "
                + "AND $timeFilter GROUP BY time($__interval), time($interval) LIMIT $__interval_ms";
        String e = InfluxMacros.expand(q, Map.of("host", List.of("web-1"), "container", List.of("a.b", "c"), "disk", List.of("S1")),
                InfluxMacros.Range.relative("10m"), "4s");
        assertThat(e).isEqualTo("SELECT mean(\"x\") FROM \"cpu\" WHERE \"host\" =~ /^web-1$/ AND \"c\" =~ /^(a\\.b|c)$/ AND S1 = 1 "
                + "AND time >= now() - 10m and time <= now() GROUP BY time(4s), time(4s) LIMIT 4000");
        assertThat(InfluxMacros.Range.absolute(1000, 2000).filter()).isEqualTo("time >= 1000ms and time <= 2000ms");
        assertThat(InfluxMacros.expand("x =~ /^$unknown$/ $__timeFilter", Map.of(), InfluxMacros.Range.relative("1h"), "1m"))
                .isEqualTo("x =~ /^$unknown$/ time >= now() - 1h and time <= now()");
        assertThat(InfluxMacros.regexFormat(List.of("/dev/sda"))).isEqualTo("\\/dev\\/sda");
    }
}
