package io.hostpulse.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hostpulse status}: one snapshot of a running agent for scripts and other monitors (Nagios exit codes). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the running agent's state in one line (or --json) and exit by its alerts: 0 ok, 1 warning, 2 critical, 3 unknown.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:OK, nothing firing", "1:WARNING alerts firing", "2:CRITICAL alerts firing",
                "3:UNKNOWN: no agent answering at --url, or it refused (token)"})
public final class StatusCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    AgentOptions agent = new AgentOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--timeout", description = "how long to wait for the agent (default ${DEFAULT-VALUE})", defaultValue = "5s",
            converter = DurationConverter.class)
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        String url = agent.url != null ? agent.url : CliConfig.agentUrl(spec);
        StatusReport r;
        try {
            r = StatusReport.of(new AgentApi(url, agent.token, timeout).get("/api/v1/snapshot"));
        } catch (AgentApi.Refused e) {
            r = StatusReport.unknown(e.getMessage());
        } catch (IOException e) {
            r = StatusReport.unknown("no hostpulse agent answering at " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        System.out.println(json ? r.json() : r.text());
        return r.exitCode();
    }
}
