package io.hostpulse.exporters.influx;

import io.hostpulse.core.lineprotocol.Precision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxPrecisionTest {
    @Test
    void v1PrecisionNamesAreTheOnesInflux1Accepts() {
        assertThat(InfluxV1Exporter.v1Precision(Precision.NANOSECONDS)).isEqualTo("n");
        assertThat(InfluxV1Exporter.v1Precision(Precision.MICROSECONDS)).isEqualTo("u");
        assertThat(InfluxV1Exporter.v1Precision(Precision.MILLISECONDS)).isEqualTo("ms");
        assertThat(InfluxV1Exporter.v1Precision(Precision.SECONDS)).isEqualTo("s");
        assertThat(InfluxV2Exporter.writePrecision(Precision.MICROSECONDS)).isEqualTo(com.influxdb.client.domain.WritePrecision.US);
    }
}
