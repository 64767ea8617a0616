package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every recorded {@code nvidia-smi -q -x} output, parsed into Telegraf's names. */
class NvidiaSmiParserTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static NvidiaSmiParser.Result parse(String file) throws IOException {
        return NvidiaSmiParser.parse(Files.readString(SysfsTrees.resource("nvidia-smi/" + file)), NOW);
    }

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(SysfsTrees.resource("nvidia-smi"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyRecordingParsesWithoutUnknownValuesTurnedIntoFields(String file) throws Exception {
        NvidiaSmiParser.Result r = parse(file);
        assertThat(r.gpus()).isNotEmpty();
        for (Point p : Stream.of(r.gpus(), r.mig(), r.processes()).flatMap(List::stream).toList()) {
            assertThat(p.time()).isEqualTo(NOW);
            p.fields().forEach((k, v) -> {
                if (v instanceof String s) {
                    assertThat(s.toLowerCase(Locale.ROOT)).as(file + " " + k)
                            .doesNotContain("n/a", "deprecated", "not supported", "unknown error");
                }
            });
            assertThat(p.tags().values()).as(file).noneMatch(v -> v.equalsIgnoreCase("N/A"));
        }
        for (Point g : r.gpus()) {
            assertThat(g.tags()).containsKeys("index", "name", "uuid", "pstate", "compute_mode");
            assertThat(g.fields()).containsKeys("driver_version", "cuda_version", "memory_total", "memory_used",
                    "temperature_gpu", "top_process");
        }
    }

    @Test
    void teslaT4() throws Exception {
        NvidiaSmiParser.Result r = parse("tesla-t4-xml-v11.xml");
        Point g = r.gpus().get(0);
        assertThat(g.tags()).containsEntry("index", "0").containsEntry("name", "Tesla T4")
                .containsEntry("uuid", "GPU-d37e67a5-91dd-3774-a5cb-99096249601a").containsEntry("pstate", "P0")
                .containsEntry("compute_mode", "Default");
        assertThat(g.fields()).containsEntry("temperature_gpu", 40L).containsEntry("memory_total", 15360L)
                .containsEntry("memory_used", 1032L).containsEntry("memory_free", 13939L)
                .containsEntry("memory_reserved", 388L).containsEntry("utilization_gpu", 0L)
                .containsEntry("utilization_memory", 0L).containsEntry("utilization_encoder", 0L)
                .containsEntry("utilization_decoder", 0L).containsEntry("power_draw", 26.78)
                .containsEntry("clocks_current_graphics", 585L).containsEntry("clocks_current_sm", 585L)
                .containsEntry("clocks_current_memory", 5000L).containsEntry("clocks_current_video", 810L)
                .containsEntry("pcie_link_gen_current", 3L).containsEntry("pcie_link_width_current", 8L)
                .containsEntry("driver_version", "515.105.01").containsEntry("cuda_version", "11.7")
                .containsEntry("temperature_gpu_slowdown_threshold", 93L)
                .containsEntry("temperature_gpu_shutdown_threshold", 96L)
                .containsEntry("top_process", "python (pid 5762, 1005 MiB)").containsEntry("top_process_memory", 1005L)
                .doesNotContainKey("fan_speed"); // N/A in a VM: absent, not 0
        assertThat(r.processes()).hasSize(2);
        assertThat(r.processes().get(0).tags()).containsEntry("pid", "675").containsEntry("type", "G")
                .containsEntry("process_name", "/usr/lib/xorg/Xorg").containsEntry("index", "0")
                .containsEntry("name", "Tesla T4");
        assertThat(r.processes().get(0).field("used_memory")).isEqualTo(22L);
        assertThat(r.mig()).isEmpty();
    }

    @Test
    void a100WithMigDevicesAndNoUtilisation() throws Exception {
        NvidiaSmiParser.Result r = parse("a100-sxm4-80gb-mig-xml-v12.xml");
        Point g = r.gpus().get(0);
        assertThat(g.fields()).containsEntry("power_draw", 67.03).containsEntry("temperature_gpu", 27L)
                .containsEntry("top_process", "none").doesNotContainKeys("utilization_gpu", "fan_speed", "top_process_memory");
        assertThat(g.tag("arch")).isEqualTo("Ampere");
        assertThat(r.mig()).hasSize(4).extracting(p -> p.tag("gpu_index")).containsExactly("3", "4", "5", "6");
        assertThat(r.mig().get(0).tags()).containsEntry("index", "0").containsEntry("compute_index", "0")
                .containsEntry("name", "NVIDIA A100-SXM4-80GB");
        assertThat(r.mig().get(0).fields()).containsKeys("memory_fb_total", "memory_fb_used", "memory_bar1_total");
        assertThat(r.processes()).isEmpty();
    }

    @Test
    void rtx3060TakesTheInstantPowerDrawOfNewerDrivers() throws Exception {
        NvidiaSmiParser.Result r = parse("rtx-3060-xml-v12.xml");
        assertThat(r.gpus().get(0).fields()).containsEntry("power_draw", 11.63).containsEntry("fan_speed", 0L)
                .containsEntry("memory_total", 12288L).doesNotContainKey("serial");
        assertThat(r.mig()).isEmpty(); // <mig_devices>None</mig_devices>
    }

    @Test
    void vgpuGuestOnWindowsHasProcessesWithoutMemoryAndThereforeNoProcessPoints() throws Exception {
        NvidiaSmiParser.Result r = parse("grid-p4-1q-vgpu-windows-xml-v11.xml");
        assertThat(r.gpus().get(0).fields()).containsEntry("temperature_gpu", 0L).containsEntry("top_process", "none")
                .doesNotContainKeys("power_draw", "fan_speed");
        assertThat(r.processes()).isEmpty();
    }

    @Test
    void rtx4000AdaListsFourProcessesOfEveryType() throws Exception {
        NvidiaSmiParser.Result r = parse("rtx-4000-sff-ada-xml-v13.xml");
        assertThat(r.processes()).extracting(p -> p.tag("type")).containsExactly("G", "G", "C", "C+G");
        assertThat(r.gpus().get(0).field("top_process")).isEqualTo("/usr/bin/code (pid 3190, 451 MiB)");
        assertThat(r.gpus().get(0).field("power_draw")).isEqualTo(8.44);
        // schema v13 gives thresholds relative to T.Limit: 38 C now, 49 C below T.Limit, slowdown 2 C and shutdown 7 C past it
        assertThat(r.gpus().get(0).fields()).containsEntry("temperature_gpu_slowdown_threshold", 89L)
                .containsEntry("temperature_gpu_shutdown_threshold", 94L);
    }

    @Test
    void twoGpusAreIndexedInOrderAndOneProcessOnBothIsTwoPoints() throws Exception {
        NvidiaSmiParser.Result r = parse("dual-rtx-a5000-xml-v13.xml");
        assertThat(r.gpus()).extracting(p -> p.tag("index")).containsExactly("0", "1");
        assertThat(r.gpus()).extracting(p -> p.tag("uuid")).containsExactly(
                "GPU-12345678-aaaa-bbbb-cccc-0123456789ab", "GPU-12345678-aaaa-bbbb-cccc-0123456789cd");
        assertThat(r.processes()).hasSize(2).allMatch(p -> p.tag("pid").equals("100477"));
        assertThat(r.processes()).extracting(p -> p.field("used_memory")).containsExactly(22430L, 17246L);
        assertThat(r.gpus().get(1).fields()).containsEntry("power_draw", 13.59).containsEntry("fan_speed", 30L)
                .containsEntry("remapped_rows_correctable", 0L).containsEntry("remapped_rows_pending", "No");
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path tmp) throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nvidia_smi_log [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<nvidia_smi_log><driver_version>&x;</driver_version><gpu><product_name>G</product_name>"
                + "<uuid>GPU-1</uuid></gpu></nvidia_smi_log>";
        try {
            NvidiaSmiParser.Result r = NvidiaSmiParser.parse(xml, NOW);
            assertThat(r.gpus().toString()).doesNotContain("TOP-SECRET");
        } catch (IOException e) {
            assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
        }
    }

    @Test
    void brokenOutputIsAClearError() {
        assertThatThrownBy(() -> NvidiaSmiParser.parse("<nvidia_smi_log><gpu>", NOW))
                .isInstanceOf(IOException.class).hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() -> NvidiaSmiParser.parse("<html/>", NOW))
                .isInstanceOf(IOException.class).hasMessageContaining("not an nvidia_smi_log document");
    }
}
