package io.hostpulse.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.config.ConfigLoader;
import io.hostpulse.core.config.ConfigException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hostpulse top}: the live view in the terminal with JLine (full screen, redrawn in place, resized with the
 * window). Reads the running agent's API at {@code --url}; when nothing answers there, collects by itself with the
 * config's collectors (the same snapshot document, built in this process).
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = "Show the host, its processes, containers and disks in the terminal, refreshed every interval: keys c, m, i sort by CPU, memory, I/O; q quits.")
public final class TopCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Mixin
    AgentOptions agent = new AgentOptions();


    @Option(names = "--interval", description = "refresh interval (default ${DEFAULT-VALUE})", defaultValue = "2s",
            converter = DurationConverter.class)
    Duration interval;

    /** For the inherited {@code --config} (collecting without an agent uses that config's collectors). */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String url = agent.url != null ? agent.url : CliConfig.agentUrl(spec);
        AgentApi api = new AgentApi(url, agent.token, Duration.ofSeconds(3));
        LocalCollection local = null;
        String source;
        try {
            api.get("/api/v1/snapshot");
            source = "agent " + api.url();
        } catch (AgentApi.Refused e) {
            System.err.println("hostpulse top: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            try {
                local = new LocalCollection(loadConfig(), Clock.systemUTC());
            } catch (ConfigException ce) {
                System.err.println("hostpulse top: no agent at " + url + " and the config is invalid:\n" + ce.getMessage());
                return 3;
            }
            source = "collecting itself: no agent at " + url;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return loop(terminal, api, local, source);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private AgentConfig loadConfig() throws ConfigException {
        return CliConfig.load(spec);
    }

    private int loop(Terminal terminal, AgentApi api, LocalCollection local, String source) throws Exception {
        Attributes saved = terminal.enterRawMode();
        terminal.puts(InfoCmp.Capability.enter_ca_mode);
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        terminal.flush();
        Display display = new Display(terminal, true);
        NonBlockingReader keys = terminal.reader();
        TopScreen.Sort sort = TopScreen.Sort.CPU;
        try {
            String error = null;
            JsonNode snap = null;
            long next = 0;
            while (true) {
                if (System.nanoTime() >= next) {
                    try {
                        snap = local != null ? JSON.readTree(local.collect(Clock.systemUTC())) : api.get("/api/v1/snapshot");
                        error = null;
                    } catch (IOException e) {
                        error = "agent at " + api.url() + " not answering: " + e.getMessage();
                    }
                    next = System.nanoTime() + interval.toNanos();
                }
                Size size = terminal.getSize();
                int w = size.getColumns() > 0 ? size.getColumns() : 80;
                int h = size.getRows() > 0 ? size.getRows() : 24;
                List<String> lines = snap == null ? new ArrayList<>(List.of("hostpulse top: waiting for data"))
                        : TopScreen.render(snap, w, h, sort, source);
                if (error != null) {
                    lines.set(0, TopScreen.cut(error, w));
                }
                display.resize(h, w);
                List<AttributedString> as = new ArrayList<>();
                lines.forEach(l -> as.add(new AttributedString(l)));
                display.update(as, -1);
                terminal.flush();
                long waitMs = Math.max(1, Math.min(250, (next - System.nanoTime()) / 1_000_000));
                int c = keys.read(waitMs);
                if (c == 'q' || c == 'Q' || c == 3 || c == NonBlockingReader.EOF) {
                    return 0;
                }
                switch (c) {
                    case 'c' -> sort = TopScreen.Sort.CPU;
                    case 'm' -> sort = TopScreen.Sort.MEM;
                    case 'i' -> sort = TopScreen.Sort.IO;
                    default -> {
                    }
                }
            }
        } finally {
            terminal.puts(InfoCmp.Capability.cursor_visible);
            terminal.puts(InfoCmp.Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
        }
    }
}
