package io.hostpulse.agent.http;

import io.hostpulse.agent.selfmetrics.SelfMetrics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusMetricsAndHealthOnLoopbackOnly() throws Exception {
        try (SelfMetrics m = new SelfMetrics()) {
            m.collected("host", Duration.ofMillis(5), true, 3);
            try (HttpEndpoint h = new HttpEndpoint("127.0.0.1", 0, m, () -> Map.entry(false, "{\"status\":\"starting\"}"))) {
                h.start();
                String base = "http://127.0.0.1:" + h.port();
                HttpResponse<String> metrics = send("GET", base + "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("hostpulse_collector_duration_seconds_count{collector=\"host\"} 1")
                        .contains("hostpulse_collector_points_total{collector=\"host\"} 3.0");
                HttpResponse<String> health = send("GET", base + "/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).isEqualTo("{\"status\":\"starting\"}");
                assertThat(send("POST", base + "/metrics").statusCode()).isEqualTo(405);
                assertThat(send("GET", base + "/other").statusCode()).isEqualTo(404);
                // bound to loopback: the machine's other addresses do not answer
                for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                    for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                        if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                            try (java.net.Socket s = new java.net.Socket()) {
                                org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                                        s.connect(new java.net.InetSocketAddress(a, h.port()), 1000))
                                        .isInstanceOf(java.io.IOException.class);
                            }
                        }
                    }
                }
            }
        }
    }
}
