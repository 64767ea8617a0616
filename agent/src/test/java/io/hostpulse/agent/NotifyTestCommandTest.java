package io.hostpulse.agent;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hostpulse notify-test}: one test notification per target, one line per target, exit 0 only if all worked. */
class NotifyTestCommandTest {
    private static final String BASE = """
            agent:
              http:
                enabled: false
            collectors:
              host:
                parts: [mem]
              smart:
                enabled: false
              docker:
                enabled: false
            """;

    private static String run(Path config, int[] exit) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit[0] = Main.execute("--config", config.toString(), "notify-test", "--timeout", "5");
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachTargetSaysWhatHappened(@TempDir Path tmp) throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path cfg = tmp.resolve("h.yaml");
        Files.writeString(cfg, BASE + """
                alerts:
                  uptime_kuma:
                    - name: home
                      url: http://127.0.0.1:%d
                      token: secretTok3n
                  webhooks:
                    - name: rec
                      url: http://127.0.0.1:%d/hook
                """.formatted(closed, hook.getAddress().getPort()));
        int[] exit = new int[1];
        String out;
        try {
            out = run(cfg, exit);
        } finally {
            hook.stop(0);
        }
        assertThat(exit[0]).isEqualTo(1);
        assertThat(out).contains("FAILED kuma:home (http://127.0.0.1:" + closed + "/api/push/******): ")
                // a webhook URL is a secret: scheme and host only
                .contains("ok     webhook:rec (http://127.0.0.1:" + hook.getAddress().getPort() + "/****): delivered (HTTP 204)")
                .doesNotContain("secretTok3n");
        assertThat(bodies).singleElement().satisfies(b -> assertThat(b).contains("\"status\":\"test\"")
                .contains("hostpulse notify-test from"));
    }

    @Test
    void noTargetsIsAFailureWithAHint(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("h.yaml");
        Files.writeString(cfg, BASE);
        int[] exit = new int[1];
        assertThat(run(cfg, exit)).contains("no notification targets configured: add alerts.uptime_kuma or alerts.webhooks");
        assertThat(exit[0]).isEqualTo(1);
    }
}
