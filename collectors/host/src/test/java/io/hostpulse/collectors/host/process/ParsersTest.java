package io.hostpulse.collectors.host.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parsers of the process list, on inline text in the kernel's formats (proc(5)). */
class ParsersTest {

    @Test
    void statLineWithSpacesAndParenthesesInTheName() {
        String line = "4242 (tmux: server) (1)) R 1 4242 4242 0 -1 4194560 2000 0 0 0 150 30 0 0 20 0 3 0 98765 "
                + "12345678 777 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        PidStat s = PidStat.parse(line);
        assertThat(s).isNotNull();
        assertThat(s.pid()).isEqualTo(4242);
        assertThat(s.comm()).isEqualTo("tmux: server) (1)");
        assertThat(s.state()).isEqualTo('R');
        assertThat(s.ppid()).isEqualTo(1);
        assertThat(s.utimeTicks()).isEqualTo(150);
        assertThat(s.stimeTicks()).isEqualTo(30);
        assertThat(s.cpuTicks()).isEqualTo(180);
        assertThat(s.threads()).isEqualTo(3);
        assertThat(s.startTicks()).isEqualTo(98765);
        assertThat(s.rssPages()).isEqualTo(777);
    }

    @Test
    void truncatedOrForeignStatIsNull() {
        assertThat(PidStat.parse("4242 (sh) R 1 2 3")).isNull();
        assertThat(PidStat.parse("not a stat line")).isNull();
        assertThat(PidStat.parse("x (sh) R 1 4242 4242 0 -1 4194560 2000 0 0 0 150 30 0 0 20 0 3 0 98765 1 1 1")).isNull();
    }

    @Test
    void ioTakesStorageBytesNotCharacters() {
        PidIo io = PidIo.parse("rchar: 900\nwchar: 800\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\nwrite_bytes: 8192\n"
                + "cancelled_write_bytes: 0\n");
        assertThat(io).isEqualTo(new PidIo(4096, 8192));
        assertThat(PidIo.parse("rchar: 900\n")).isNull();
        assertThat(PidIo.parse("read_bytes: x\nwrite_bytes: 1\n")).isNull();
    }

    @Test
    void containerIdFromEachCgroupLayout() {
        String id = "3f1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";
        assertThat(Cgroups.containerId("0::/system.slice/docker-" + id + ".scope\n")).isEqualTo(id);
        assertThat(Cgroups.containerId("12:pids:/docker/" + id + "\n11:memory:/docker/" + id + "\n")).isEqualTo(id);
        assertThat(Cgroups.containerId("0::/kubepods.slice/kubepods-burstable.slice/kubepods-pod1.slice/cri-containerd-"
                + id + ".scope\n")).isEqualTo(id);
        assertThat(Cgroups.containerId("0::/user.slice/user-1000.slice/session-2.scope\n")).isNull();
        // a 32-digit id under another manager is no container (the build VM's own pid 1)
        assertThat(Cgroups.containerId("4:memory:/process_api/c2631992209bfabc696428d2f52a4d88\n0::/\n")).isNull();
        assertThat(Cgroups.containerId("0::/docker/" + id.substring(1) + "\n")).isNull();
    }

    @Test
    void passwdNamesByUidSkippingJunk() {
        var users = Passwd.parse("root:x:0:0:root:/root:/bin/bash\n# comment\nbroken\nimmich:x:1000:1000::/home:/bin/sh\n"
                + "dup:x:0:0::/:/bin/sh\nodd:x:notanumber:1::/:/bin/sh\n");
        assertThat(users).containsEntry(0, "root").containsEntry(1000, "immich").hasSize(2);
    }
}
