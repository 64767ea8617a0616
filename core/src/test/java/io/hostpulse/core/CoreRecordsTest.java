package io.hostpulse.core;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoreRecordsTest {

    @Test
    void eventCopiesAndSortsItsMapsAndIsImmutable() {
        Map<String, String> labels = new HashMap<>(Map.of("z", "1", "a", "2"));
        Map<String, String> meta = new HashMap<>(Map.of("id", "abc"));
        Event e = new Event(Instant.EPOCH, "docker", "warning", "container nginx died", labels, meta);
        labels.put("b", "3");
        meta.clear();
        assertThat(e.labels().keySet()).containsExactly("a", "z");
        assertThat(e.metadata()).containsExactly(Map.entry("id", "abc"));
        assertThatThrownBy(() -> e.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEventNeverCarriesARegisteredSecret() {
        Redactor.registerSecret("evt-secret-9b1f");
        Event e = new Event(Instant.EPOCH, "agent", "warning", "output failing: echo evt-secret-9b1f",
                Map.of("l", "evt-secret-9b1f"), Map.of("error", "HTTP 500: Bearer evt-secret-9b1f"));
        assertThat(e.message()).isEqualTo("output failing: echo ****");
        assertThat(e.labels()).containsEntry("l", "****");
        assertThat(e.metadata().get("error")).doesNotContain("evt-secret-9b1f");
    }

    @Test
    void eventRequiresItsParts() {
        assertThatThrownBy(() -> new Event(null, "s", "info", "m", Map.of(), Map.of())).hasMessage("time");
        assertThatThrownBy(() -> new Event(Instant.EPOCH, null, "info", "m", Map.of(), Map.of())).hasMessage("source");
        assertThatThrownBy(() -> new Event(Instant.EPOCH, "s", null, "m", Map.of(), Map.of())).hasMessage("level");
        assertThatThrownBy(() -> new Event(Instant.EPOCH, "s", "info", null, Map.of(), Map.of())).hasMessage("message");
    }

    @Test
    void hostPathsResolveUnderTheMountedRoots() {
        HostPaths d = HostPaths.defaults();
        assertThat(d.proc("stat")).isEqualTo(Path.of("/proc/stat"));
        assertThat(d.sys("class/net")).isEqualTo(Path.of("/sys/class/net"));
        assertThat(d.root()).isEqualTo(Path.of("/"));
        HostPaths c = new HostPaths(Path.of("/host/proc"), Path.of("/host/sys"), Path.of("/host"));
        assertThat(c.proc("1/mountinfo")).isEqualTo(Path.of("/host/proc/1/mountinfo"));
        assertThat(c.sys("block")).isEqualTo(Path.of("/host/sys/block"));
    }

    @Test
    void exportExceptionCarriesKindAndRetryAfter() {
        ExportException plain = new ExportException(ExportException.Kind.REJECTED, "400 bad line");
        assertThat(plain.kind()).isEqualTo(ExportException.Kind.REJECTED);
        assertThat(plain.retryAfter()).isEmpty();
        assertThat(plain).hasMessage("400 bad line");
        ExportException later = new ExportException(ExportException.Kind.RETRY, "429", Duration.ofSeconds(30));
        assertThat(later.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void collectExceptionKeepsItsCause() {
        IllegalStateException cause = new IllegalStateException("socket gone");
        assertThat(new CollectException("docker: no answer", cause)).hasMessage("docker: no answer").hasCause(cause);
    }
}
