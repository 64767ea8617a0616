package io.hostpulse.collectors.host.mem;

import io.hostpulse.collectors.host.Fixtures;
import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MemMapperTest {
    private static final Instant T = Instant.parse("2026-11-25T20:00:00Z");

    @Test
    void recordedMeminfoWithGopsutilFormulas() {
        ParseProblems problems = new ParseProblems();
        Map<String, Long> mi = KeyValueParser.meminfo(Fixtures.read("vm-2cpu", "meminfo"), problems);
        Point p = MemMapper.mem(mi, T);

        // kB values as written in the recorded file
        long total = 24684084L * 1024, free = 24121132L * 1024, buffers = 4664L * 1024;
        long cached = (399380L + 58824L) * 1024; // Cached + SReclaimable
        long available = 24338468L * 1024;
        assertThat(problems.isEmpty()).isTrue();
        assertThat(p.field("total")).isEqualTo(total);
        assertThat(p.field("free")).isEqualTo(free);
        assertThat(p.field("buffered")).isEqualTo(buffers);
        assertThat(p.field("cached")).isEqualTo(cached);
        assertThat(p.field("used")).isEqualTo(total - free - buffers - cached);
        assertThat(p.field("available")).isEqualTo(available);
        assertThat((double) p.field("used_percent")).isCloseTo(100.0 * (total - free - buffers - cached) / total, within(1e-9));
        assertThat((double) p.field("available_percent")).isCloseTo(100.0 * available / total, within(1e-9));
        assertThat(p.field("shared")).isEqualTo(8872L * 1024);
        assertThat(p.field("huge_page_size")).isEqualTo(2048L * 1024);
        assertThat(p.field("huge_pages_total")).isEqualTo(0L);
        assertThat(p.field("high_total")).as("absent on 64-bit, reported as 0 like Telegraf").isEqualTo(0L);
        assertThat(p.fields().keySet()).contains("active", "inactive", "slab", "sreclaimable", "sunreclaim", "dirty",
                "write_back", "mapped", "page_tables", "commit_limit", "committed_as", "swap_cached", "vmalloc_total");
        assertThat(p.tags()).isEmpty();
        assertThat(p.time()).isEqualTo(T);
    }

    @Test
    void countsWithoutUnitAreKeptAndBadLinesCounted() {
        ParseProblems problems = new ParseProblems();
        Map<String, Long> mi = KeyValueParser.meminfo("HugePages_Total:       5\nFoo: x kB\nBar: 3 MB\nno colon\n", problems);
        assertThat(mi).containsExactly(Map.entry("HugePages_Total", 5L));
        assertThat(problems.count()).isEqualTo(3);
    }

    @Test
    void withoutMemAvailableFreePlusCachedIsAvailable() {
        Map<String, Long> mi = Map.of("MemTotal", 1000L, "MemFree", 100L, "Cached", 200L, "SReclaimable", 50L);
        assertThat(MemMapper.mem(mi, T).field("available")).isEqualTo(350L);
    }

    @Test
    void negativeUsedFallsBackToTotalMinusFree() {
        // lxcfs can report more cache than memory in use
        Map<String, Long> mi = Map.of("MemTotal", 1000L, "MemFree", 600L, "Buffers", 100L, "Cached", 400L);
        assertThat(MemMapper.mem(mi, T).field("used")).isEqualTo(400L);
    }

    @Test
    void emptyOrTruncatedMeminfoIsAnError() {
        assertThatThrownBy(() -> MemMapper.mem(KeyValueParser.meminfo("", new ParseProblems()), T))
                .isInstanceOf(HostParseException.class).hasMessageContaining("MemTotal");
        assertThatThrownBy(() -> MemMapper.mem(KeyValueParser.meminfo("MemFree: 12 kB\nMemTo", new ParseProblems()), T))
                .isInstanceOf(HostParseException.class);
    }

    @Test
    void swapFromMeminfoAndVmstatPages() {
        Map<String, Long> mi = KeyValueParser.meminfo("SwapTotal: 1000 kB\nSwapFree: 250 kB\n", new ParseProblems());
        Map<String, Long> vm = KeyValueParser.vmstat("pswpin 3\npswpout 5\n", new ParseProblems());
        Point p = MemMapper.swap(mi, vm, 4096, T);
        assertThat(p.field("total")).isEqualTo(1_024_000L);
        assertThat(p.field("used")).isEqualTo(768_000L);
        assertThat(p.field("free")).isEqualTo(256_000L);
        assertThat((double) p.field("used_percent")).isCloseTo(75.0, within(1e-9));
        assertThat(p.field("in")).isEqualTo(3L * 4096);
        assertThat(p.field("out")).isEqualTo(5L * 4096);
    }

    @Test
    void noSwapIsZeroPercentNotNaN() {
        Map<String, Long> mi = KeyValueParser.meminfo(Fixtures.read("vm-2cpu", "meminfo"), new ParseProblems());
        Map<String, Long> vm = KeyValueParser.vmstat(Fixtures.read("vm-2cpu", "vmstat"), new ParseProblems());
        Point p = MemMapper.swap(mi, vm, 4096, T);
        assertThat(p.field("total")).isEqualTo(0L);
        assertThat(p.field("used_percent")).isEqualTo(0.0);
        assertThat(p.field("in")).isEqualTo(0L);
    }

    @Test
    void vmstatSkipsBadLines() {
        ParseProblems problems = new ParseProblems();
        assertThat(KeyValueParser.vmstat("pswpin 1\npswpout\nx y\n", problems)).containsOnlyKeys("pswpin");
        assertThat(problems.count()).isEqualTo(2);
    }
}
