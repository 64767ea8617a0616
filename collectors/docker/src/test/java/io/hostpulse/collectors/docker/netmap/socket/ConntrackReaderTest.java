package io.hostpulse.collectors.docker.netmap.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConntrackReaderTest {
    @TempDir
    Path proc;

    private void table(String rel, String recording) throws IOException {
        Path p = proc.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, Recorded.text(recording));
    }

    private void acct(String value) throws IOException {
        Path p = proc.resolve(ConntrackReader.ACCT);
        Files.createDirectories(p.getParent());
        Files.writeString(p, value + "\n");
    }

    @Test
    void countsThereNoNote() throws IOException {
        table("1/net/nf_conntrack", "nf_conntrack-acct-on");
        table("net/nf_conntrack", "nf_conntrack-acct-off"); // the agent's own namespace: not read when pid 1's is there
        acct("1");
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isTrue();
        assertThat(r.note()).isNull();
        assertThat(r.table().entries()).hasSize(19);
    }

    @Test
    void theEntriesDecideWhenTheSwitchIsAnotherNamespaces() throws IOException {
        // an agent in its own network namespace reads its own switch (0) but the host's entries carry counts
        table("1/net/nf_conntrack", "nf_conntrack-acct-on");
        acct("0");
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isTrue();
        assertThat(r.note()).isNull();
    }

    @Test
    void fallsBackToTheOwnNamespace() throws IOException {
        table("net/nf_conntrack", "nf_conntrack-acct-on");
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.table().entries()).hasSize(19);
        assertThat(r.accounting()).isTrue();
    }

    @Test
    void accountingOff() throws IOException {
        table("1/net/nf_conntrack", "nf_conntrack-acct-off");
        acct("0");
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isFalse();
        assertThat(r.table().entries()).hasSize(5); // the flows are still there, without counts
        assertThat(r.note()).contains("accounting is off").contains("sysctl net.netfilter.nf_conntrack_acct=1")
            .contains(proc.resolve(ConntrackReader.ACCT).toString());
    }

    @Test
    void switchedOnAfterTheConnectionsBegan() throws IOException {
        table("1/net/nf_conntrack", "nf_conntrack-acct-off");
        acct("1");
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isFalse();
        assertThat(r.note()).contains("began after");
    }

    @Test
    void entriesWithoutCountsAndNoSwitchToRead() throws IOException {
        table("1/net/nf_conntrack", "nf_conntrack-acct-off");
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isFalse();
        assertThat(r.note()).contains("nf_conntrack_acct=1").contains("host's network namespace");
    }

    @Test
    void emptyTable() throws IOException {
        Files.createDirectories(proc.resolve("1/net"));
        Files.writeString(proc.resolve("1/net/nf_conntrack"), "");
        assertThat(new ConntrackReader(proc).read().note()).contains("has no connections")
            .contains(ConntrackReader.ACCT + " is not readable");
        acct("1");
        assertThat(new ConntrackReader(proc).read()).satisfies(r -> {
            assertThat(r.accounting()).isTrue();
            assertThat(r.note()).isNull();
        });
        acct("0");
        assertThat(new ConntrackReader(proc).read().note()).contains("accounting is off");
    }

    @Test
    void moduleNotLoaded() {
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isFalse();
        assertThat(r.table().entries()).isEmpty();
        assertThat(r.note()).contains("not loaded").contains(proc.resolve("1/net/nf_conntrack").toString());
    }

    @Test
    void notReadable() throws IOException {
        Files.createDirectories(proc.resolve("1/net/nf_conntrack")); // a directory: the read fails
        ConntrackReader.Reading r = new ConntrackReader(proc).read();
        assertThat(r.accounting()).isFalse();
        assertThat(r.note()).startsWith("no byte counts: cannot read " + proc.resolve("1/net/nf_conntrack"));
        // permission: the file is 0440 root (tests run as root here, so the message is checked directly)
        assertThat(ConntrackReader.unreadable(Path.of("/proc/1/net/nf_conntrack"),
            new AccessDeniedException("/proc/1/net/nf_conntrack")))
            .contains("permission denied").contains("needs root");
    }

    /** This machine's real /proc: what the reader says must match what the kernel shows. */
    @Test
    void realProc() throws IOException {
        ConntrackReader.Reading r = new ConntrackReader(Path.of("/proc")).read();
        Path host = Path.of("/proc/1/net/nf_conntrack");
        Path own = Path.of("/proc/net/nf_conntrack");
        Path acct = Path.of("/proc/sys/net/netfilter/nf_conntrack_acct");
        if (!Files.exists(host) && !Files.exists(own)) {
            assertThat(r.note()).contains("not loaded");
            return;
        }
        if (!Files.isReadable(Files.exists(host) ? host : own)) {
            assertThat(r.note()).contains("needs root");
            return;
        }
        assertThat(r.table().malformed()).isZero();
        String value = Files.exists(acct) ? new String(Files.newInputStream(acct).readAllBytes()).strip() : null;
        boolean counted = r.table().counted();
        if (!counted && "0".equals(value)) {
            // this machine: nf_conntrack_acct is 0
            assertThat(r.accounting()).isFalse();
            assertThat(r.note()).contains("accounting is off (" + acct + " is 0)")
                .contains("sysctl net.netfilter.nf_conntrack_acct=1");
        } else if (counted || r.table().entries().isEmpty() && "1".equals(value)) {
            assertThat(r.accounting()).isTrue();
            assertThat(r.note()).isNull();
        } else {
            assertThat(r.accounting()).isFalse();
            assertThat(r.note()).startsWith("no byte counts");
        }
    }
}
