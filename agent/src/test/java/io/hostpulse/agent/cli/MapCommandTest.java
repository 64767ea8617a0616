package io.hostpulse.agent.cli;

import io.hostpulse.agent.Main;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MapCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnknownFormatIsABadCommandLine() {
        Run r = run("map", "--format", "png");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("png").contains("plantuml").contains("mermaid").contains("json");
    }

    @Test
    void withoutAnAgentAndWithoutTheDockerCollectorItSaysWhy(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), """
                agent:
                  data_dir: "%s"
                collectors:
                  docker:
                    enabled: false
                """.formatted(tmp.resolve("data")));
        Run r = run("map", "-c", cfg.toString(), "--url", "http://127.0.0.1:" + closedPort());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no agent at http://127.0.0.1:").contains("the Docker collector is off");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theMapOffInTheConfigIsNamed(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), """
                agent:
                  data_dir: "%s"
                collectors:
                  docker:
                    enabled: true
                    endpoint: unix:///tmp/hostpulse-no-such-dir/docker.sock
                    network_map:
                      enabled: false
                """.formatted(tmp.resolve("data")));
        Run r = run("map", "-c", cfg.toString(), "--local");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("collectors.docker.network_map.enabled: false");
    }

    @Test
    void anInvalidConfigWithoutAnAgentIsExit3(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), """
                collectors:
                  docker:
                    network_map:
                      max_edgez: 5
                """);
        Run r = run("map", "-c", cfg.toString(), "--url", "http://127.0.0.1:" + closedPort());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("collectors.docker.network_map.max_edgez").contains("max_edges");
    }

    @Test
    void theAgentUrlComesFromTheConfigsListenAddress() throws Exception {
        ConfigLoader l = new ConfigLoader(Plugins.builtIn(), Map.of(), Clock.systemUTC());
        AgentConfig any = l.parse("a.yaml", "agent:\n  http:\n    listen: 0.0.0.0:9400\n");
        assertThat(CliConfig.agentUrl(any)).isEqualTo("http://127.0.0.1:9400");
        AgentConfig v6 = l.parse("b.yaml", "agent:\n  http:\n    listen: \"[::1]:9401\"\n");
        assertThat(CliConfig.agentUrl(v6)).isEqualTo("http://[::1]:9401");
        assertThat(CliConfig.agentUrl((AgentConfig) null)).isEqualTo(AgentApi.DEFAULT_URL);
    }

    @Test
    void statusAsksTheAgentWhereTheConfigSaysItListens(@TempDir Path tmp) throws Exception {
        int port = closedPort();
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), "agent:\n  http:\n    listen: 0.0.0.0:" + port + "\n");
        Run r = run("status", "-c", cfg.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("no hostpulse agent answering at http://127.0.0.1:" + port);
        Run explicit = run("status", "-c", cfg.toString(), "--url", "http://127.0.0.1:" + closedPort());
        assertThat(explicit.out()).doesNotContain(":" + port + " ");
    }
}
