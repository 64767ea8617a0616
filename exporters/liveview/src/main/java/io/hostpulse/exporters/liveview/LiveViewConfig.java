package io.hostpulse.exporters.liveview;

import io.hostpulse.core.config.ConfigNode;

import java.time.Duration;

/**
 * The {@code liveview} output section.
 *
 * @param token    a bearer token the page and API require ({@code Authorization: Bearer}, or {@code ?token=} once,
 *                 which sets a cookie); required, or username/password, when the agent's endpoint is not on loopback
 * @param username with {@code password}: HTTP basic auth instead of (or besides) the token
 * @param history  how far back the sparklines reach (default 15m, at most 1h)
 * @param events   how many recent events are kept for the page and {@code /api/v1/events} (default 100)
 */
public record LiveViewConfig(String name, String token, String username, String password, Duration history, int events) implements io.hostpulse.exporters.pipeline.OutputSettings {

    public static LiveViewConfig defaults() {
        return new LiveViewConfig("liveview", "", "", "", Duration.ofMinutes(15), 100);
    }

    public boolean hasAuth() {
        return !token.isEmpty() || !username.isEmpty();
    }

    /** Reads the section; mistakes are recorded on the node and the default is used instead. */
    public static LiveViewConfig from(ConfigNode node) {
        LiveViewConfig d = defaults();
        Duration history = node.duration("history", d.history());
        if (history.compareTo(Duration.ofMinutes(1)) < 0 || history.compareTo(Duration.ofHours(1)) > 0) {
            node.problem("history", "must be between 1m and 1h (it is kept in memory)");
            history = d.history();
        }
        String user = node.string("username", "");
        String password = node.secret("password", "");
        if (user.isEmpty() != password.isEmpty()) {
            node.problem(user.isEmpty() ? "username" : "password", "username and password go together (HTTP basic auth)");
        }
        return new LiveViewConfig(node.string("name", d.name()), node.secret("token", ""), user, password, history,
                (int) node.integer("events", d.events(), 10, 10_000));
    }
}
