package io.hostpulse.collectors.host.sysctlfs;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.ParseProblems;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SysctlFsParserTest {

    @Test
    void tuplesGetTelegrafsNamesAndFileNrSkipsItsSecondValue() {
        Map<String, Long> f = new LinkedHashMap<>();
        ParseProblems problems = new ParseProblems();
        SysctlFsParser.add("file-nr", "1568\t0\t44222\n", f, problems);
        SysctlFsParser.add("dentry-state", "64340\t55274\t45\t0\t0\t0\n", f, problems);
        SysctlFsParser.add("inode-state", "35952\t12957\t0\t0\t0\t0\t0\n", f, problems);
        SysctlFsParser.add("aio-max-nr", "65536\n", f, problems);
        assertThat(f).containsExactly(Map.entry("file-nr", 1568L), Map.entry("file-max", 44222L),
                Map.entry("dentry-nr", 64340L), Map.entry("dentry-unused-nr", 55274L), Map.entry("dentry-age-limit", 45L),
                Map.entry("dentry-want-pages", 0L), Map.entry("inode-nr", 35952L), Map.entry("inode-free-nr", 12957L),
                Map.entry("inode-preshrink-nr", 0L), Map.entry("aio-max-nr", 65536L));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void shortAndGarbledFiles() {
        Map<String, Long> f = new LinkedHashMap<>();
        ParseProblems problems = new ParseProblems();
        SysctlFsParser.add("dentry-state", "10\tx\n", f, problems);
        SysctlFsParser.add("aio-nr", "", f, problems);
        assertThat(f).containsExactly(Map.entry("dentry-nr", 10L));
        assertThat(problems.count()).isEqualTo(2);
    }

    @Test
    void recordedFiles() {
        // cat sys/fs/file-nr: "2371 0 2466170"; inode-state "185539 0 0 ..."; dentry-state "232824 230744 45 0 ..."
        Map<String, Long> f = new LinkedHashMap<>();
        ParseProblems problems = new ParseProblems();
        for (String file : new String[] {"file-nr", "inode-state", "dentry-state", "aio-nr", "aio-max-nr"}) {
            SysctlFsParser.add(file, Fixtures.read("vm-2cpu-net", "sys/fs/" + file), f, problems);
        }
        assertThat(f).containsEntry("file-nr", 2371L).containsEntry("file-max", 2466170L)
                .containsEntry("inode-nr", 185539L).containsEntry("dentry-unused-nr", 230744L)
                .containsEntry("aio-nr", 0L).containsEntry("aio-max-nr", 65536L).hasSize(11);
        assertThat(problems.isEmpty()).isTrue();
    }
}
