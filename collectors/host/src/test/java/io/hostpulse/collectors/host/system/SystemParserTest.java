package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.HostParseException;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemParserTest {

    @Test
    void recordedLoadavgAndUptime() {
        assertThat(SystemParser.loadavg(Fixtures.read("vm-2cpu", "loadavg")))
                .isEqualTo(new SystemParser.Load(0.59, 0.36, 0.18));
        assertThat(SystemParser.uptime(Fixtures.read("vm-2cpu", "uptime"))).isEqualTo(635L);
    }

    @Test
    void truncatedOrEmptyInputIsOneClearError() {
        assertThatThrownBy(() -> SystemParser.loadavg("0.5 0.4")).isInstanceOf(HostParseException.class)
                .hasMessageContaining("loadavg");
        assertThatThrownBy(() -> SystemParser.loadavg("")).isInstanceOf(HostParseException.class);
        assertThatThrownBy(() -> SystemParser.loadavg("a b c")).isInstanceOf(HostParseException.class);
        assertThatThrownBy(() -> SystemParser.uptime("")).isInstanceOf(HostParseException.class)
                .hasMessageContaining("uptime");
    }

    private static void record(ByteBuffer b, int index, int type, String user) {
        int off = index * SystemParser.UTMP_RECORD;
        b.putShort(off, (short) type);
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < u.length; i++) {
            b.put(off + 44 + i, u[i]);
        }
    }

    @Test
    void utmpCountsUserProcessRecordsOnly() {
        ByteBuffer b = ByteBuffer.allocate(4 * SystemParser.UTMP_RECORD + 100).order(ByteOrder.LITTLE_ENDIAN);
        record(b, 0, 2, "reboot");          // BOOT_TIME
        record(b, 1, 7, "alice");           // USER_PROCESS
        record(b, 2, 7, "alice");           // second session of the same user
        record(b, 3, 7, "bob");
        // the 100 trailing bytes are a partial record and must be ignored
        SystemParser.Users u = SystemParser.utmp(b.array(), ByteOrder.LITTLE_ENDIAN);
        assertThat(u.sessions()).isEqualTo(3);
        assertThat(u.unique()).isEqualTo(2);
        assertThat(SystemParser.utmp(new byte[0], ByteOrder.LITTLE_ENDIAN).sessions()).isZero();
    }
}
