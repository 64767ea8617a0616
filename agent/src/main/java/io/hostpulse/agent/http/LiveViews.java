package io.hostpulse.agent.http;

import io.hostpulse.agent.config.AgentConfig;
import io.hostpulse.agent.run.Running;
import io.hostpulse.collectors.docker.DockerCollector;
import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.NetworkMapPart;
import io.hostpulse.collectors.docker.netmap.render.MapFormat;
import io.hostpulse.collectors.host.HostCollector;
import io.hostpulse.exporters.liveview.LiveView;
import io.hostpulse.exporters.liveview.LiveViewConfig;
import io.hostpulse.exporters.liveview.LiveViewHttp;
import io.hostpulse.exporters.liveview.LiveViewOutputPlugin;
import io.hostpulse.core.Point;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The agent's side of the live view: the configured {@code liveview} output, or a default one while the HTTP
 * endpoint is on and the config does not mention the output at all (the embedded default has a live view); its
 * process list from the host collector; its page on the endpoint.
 */
public final class LiveViews {
    private LiveViews() {
    }

    /**
     * The live view among the points-lane {@code outputs}, or a default one when there is none (HTTP endpoint on,
     * no {@code liveview} output mentioned; it is not added to the configured outputs, so /health lists only
     * those); null when off.
     */
    public static LiveView find(AgentConfig config, List<Running.Named<Point>> outputs, Clock clock) {
        for (Running.Named<Point> o : outputs) {
            if (o.output() instanceof LiveView lv) {
                return lv;
            }
        }
        if (!config.http().enabled() || mentioned(config.tree())) {
            return null;
        }
        LiveView lv = new LiveView(LiveViewConfig.defaults(), clock);
        lv.attach(config.hostname());
        return lv;
    }

    /** Gives the live view the host collector's process list, when both exist. */
    public static void attachProcesses(LiveView lv, List<Running.Scheduled> collectors) {
        if (lv == null) {
            return;
        }
        for (Running.Scheduled c : collectors) {
            if (c.collector() instanceof HostCollector h && h.processes() != null) {
                lv.processSource(h.processes()::latest);
            }
        }
    }

    /**
     * Gives the live view the Docker collector's network map (for /api/v1/map and the page's drawing), when the
     * collector runs with its map on; before its first reading the map is empty and says so.
     */
    public static void attachMap(LiveView lv, List<Running.Scheduled> collectors, String host, Clock clock) {
        if (lv == null) {
            return;
        }
        for (Running.Scheduled c : collectors) {
            if (c.collector() instanceof DockerCollector d && d.networkMap() != null) {
                NetworkMapPart part = d.networkMap();
                lv.mapSource(format -> {
                    MapFormat f = MapFormat.parse(format);
                    NetworkMap m = part.latest();
                    return f.render(m != null ? m : new NetworkMap(host, clock.instant(), List.of(), List.of(), List.of(),
                            new NetworkMap.Coverage(0, 0, List.of(), false,
                                    "the agent has not read the containers' sockets yet (first collection pending)")));
                });
            }
        }
    }

    /** The alerts' culprit finder, reading the host collector's process list (empty without one). */
    public static io.hostpulse.agent.alerts.Culprits culprits(List<Running.Scheduled> collectors) {
        for (Running.Scheduled c : collectors) {
            if (c.collector() instanceof HostCollector h && h.processes() != null) {
                return new io.hostpulse.agent.alerts.Culprits(h.processes()::latest);
            }
        }
        return new io.hostpulse.agent.alerts.Culprits(List::of);
    }

    /** An outputs entry of type liveview, even a disabled one, means the user decided. */
    private static boolean mentioned(Map<String, Object> tree) {
        if (tree == null || !(tree.get("outputs") instanceof List<?> l)) {
            return false;
        }
        return l.stream().anyMatch(o -> o instanceof Map<?, ?> m && LiveViewOutputPlugin.NAME.equals(m.get("type")));
    }

    /** Mounts the view at / ; fails (the agent does not start) when the endpoint is public and the view has no auth. */
    public static LiveViewHttp mount(HttpEndpoint http, LiveView lv, String host, int port) {
        LiveViewHttp h = new LiveViewHttp(lv, HttpEndpoint.loopback(host), host + ":" + port);
        http.mountRoot(h);
        return h;
    }
}
