package io.hostpulse.collectors.docker;

import io.hostpulse.core.Collector;

/**
 * Test support for other modules: the Docker module's package-private {@link DockerDaemon} (a private dockerd
 * from Debian's docker.io with a local busybox image) behind a public face, from its test-jar.
 */
public final class DockerTestBridge implements AutoCloseable {
    public static final String IMAGE = DockerDaemon.IMAGE;
    private final DockerDaemon daemon;

    private DockerTestBridge(DockerDaemon daemon) {
        this.daemon = daemon;
    }

    /** Starts a private engine; fails naming the Debian package when dockerd is missing. */
    public static DockerTestBridge start() throws Exception {
        return new DockerTestBridge(DockerDaemon.start());
    }

    public String host() {
        return daemon.host();
    }

    public String docker(String... args) throws java.io.IOException, InterruptedException {
        return daemon.docker(args);
    }

    /** How often the collector's /events stream has connected (0 until it is open). */
    public static long eventConnects(Collector c) {
        DockerEventReader r = ((DockerCollector) c).eventReader();
        return r == null ? 0 : r.connects();
    }

    @Override
    public void close() {
        daemon.close();
    }
}
