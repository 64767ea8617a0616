package io.hostpulse.collectors.docker;

import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps the real transport and records "METHOD path" of every request the collector sends. */
final class RecordingHttpClient implements DockerHttpClient {
    private final DockerHttpClient delegate;
    private final List<String> requests;

    RecordingHttpClient(DockerHttpClient delegate, List<String> requests) {
        this.delegate = delegate;
        this.requests = requests;
    }

    static List<String> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public Response execute(Request request) {
        requests.add(request.method() + " " + request.path());
        return delegate.execute(request);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
