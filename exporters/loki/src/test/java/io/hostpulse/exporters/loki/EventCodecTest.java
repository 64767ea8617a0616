package io.hostpulse.exporters.loki;

import io.hostpulse.core.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    final EventCodec codec = new EventCodec();

    @Test
    void roundTripKeepsEverythingToTheNanosecond() {
        Event e = new Event(Instant.parse("2026-11-25T10:00:00.123456789Z"), "docker", "warning",
                "container é died\nwith 😀", Map.of("container_name", "api", "compose_project", ""),
                Map.of("exit_code", "137", "image", "nginx:1.27"));
        assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
        Event before1970 = new Event(Instant.parse("1969-12-31T23:59:59.5Z"), "agent", "info", "", Map.of(), Map.of());
        assertThat(codec.decode(codec.encode(before1970))).isEqualTo(before1970);
    }

    @Test
    void truncatedGarbageAndTrailingBytesAreRefusedWithAMessage() {
        byte[] ok = codec.encode(new Event(Instant.EPOCH, "smart", "info", "m", Map.of("device", "/dev/sda"), Map.of()));
        for (int n = 0; n < ok.length; n++) {
            byte[] cut = Arrays.copyOf(ok, n);
            assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(ok, ok.length + 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after the event");
        byte[] v2 = ok.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> codec.decode(v2)).hasMessageContaining("version 2");
        byte[] lies = ok.clone();
        lies[13] = 0x7f; // source length far beyond the record
        assertThatThrownBy(() -> codec.decode(lies)).isInstanceOf(IllegalArgumentException.class);
    }
}
