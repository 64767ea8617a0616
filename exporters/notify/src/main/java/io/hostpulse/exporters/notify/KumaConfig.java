package io.hostpulse.exporters.notify;

import io.hostpulse.core.Redactor;
import io.hostpulse.core.config.ConfigNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One Uptime Kuma push monitor under {@code alerts.uptime_kuma}: where it is, its token, which subsystems it
 * stands for, and how often to push (about half the monitor's Heartbeat Interval: a push at the boundary is
 * counted late and Kuma shows a false down).
 *
 * @param subsystems host, docker, disks, agent, or * for all
 */
public record KumaConfig(String name, URI baseUrl, String token, List<String> subsystems, Duration interval,
                         Duration timeout) {

    public static final List<String> SUBSYSTEMS = List.of("host", "docker", "disks", "agent");

    public static KumaConfig from(ConfigNode node, int index) {
        String name = node.string("name", "kuma" + index);
        String url = node.string("url", null);
        String token = node.secret("token", null);
        URI base = null;
        if (url == null || url.isBlank()) {
            node.problem("url", "missing: Uptime Kuma's address, for example http://kuma.lan:3001");
        } else {
            String u = url.trim();
            int push = u.indexOf("/api/push/");
            if (push >= 0) {
                node.secret("url", null); // it carries the token: check-config prints it redacted
                // the whole push URL as the Kuma UI shows it: take the token from it
                String rest = u.substring(push + "/api/push/".length());
                int q = rest.indexOf('?');
                String t = q >= 0 ? rest.substring(0, q) : rest;
                if (token == null && !t.isEmpty()) {
                    token = t;
                }
                u = u.substring(0, push);
            }
            try {
                base = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
                if (base.getScheme() == null || base.getHost() == null
                        || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
                    node.problem("url", "\"" + Redactor.redact(url) + "\" is not an http:// or https:// address");
                    base = null;
                }
            } catch (IllegalArgumentException e) {
                node.problem("url", "not a valid address: " + e.getMessage());
            }
        }
        if (token == null || token.isBlank()) {
            node.problem("token", "missing: the push token of the monitor (Kuma: Monitor type Push, the part after /api/push/)");
        } else if (!token.matches("[A-Za-z0-9_-]+")) {
            node.problem("token", "must be letters and digits only, as Kuma generates it");
        }
        List<String> subsystems = node.strings("subsystems", List.of("*"));
        for (String s : subsystems) {
            if (!s.equals("*") && !SUBSYSTEMS.contains(s)) {
                node.problem("subsystems", "\"" + s + "\" is not one of " + String.join(", ", SUBSYSTEMS) + " or *");
            }
        }
        Duration interval = node.duration("interval", Duration.ofSeconds(30));
        if (interval.toSeconds() < 5) {
            node.problem("interval", "must be 5s or more (push about every half of the monitor's Heartbeat Interval)");
            interval = Duration.ofSeconds(30);
        }
        Duration timeout = node.positiveDuration("timeout", Duration.ofSeconds(10));
        return new KumaConfig(name, base, token, List.copyOf(subsystems), interval, timeout);
    }

    public boolean covers(String subsystem) {
        return subsystems.contains("*") || subsystems.contains(subsystem);
    }
}
