package io.hostpulse.agent.cli;

import picocli.CommandLine.Option;

/** Where a client command ({@code status}, {@code top}, {@code map}) finds the running agent, and its token. */
final class AgentOptions {
    @Option(names = "--url", description = "the running agent's HTTP endpoint (default: the config's agent.http.listen, else "
            + AgentApi.DEFAULT_URL + ")")
    String url;

    @Option(names = "--token", description = "the live view's token, when it has one (default: $HOSTPULSE_TOKEN)")
    String token = System.getenv("HOSTPULSE_TOKEN");
}
