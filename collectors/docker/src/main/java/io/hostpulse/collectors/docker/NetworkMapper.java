package io.hostpulse.collectors.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.core.Point;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pure: which Docker network each container interface belongs to, and the per-network docker_network points.
 *
 * <p>Mapping method: Docker reports the MAC address of each endpoint (inspect NetworkSettings.Networks.*.MacAddress);
 * the agent reads the MAC of each interface inside the container's network namespace
 * (/proc/&lt;pid&gt;/root/sys/class/net/&lt;if&gt;/address) and matches them. This does not depend on the
 * eth0/eth1 order. When the MACs cannot be read (no access to the host's /proc) an interface is mapped only when
 * it is unambiguous: the container has exactly one interface and exactly one network.
 */
final class NetworkMapper {
    private NetworkMapper() {
    }

    /** Traffic of one container interface that belongs to a Docker network. */
    record Traffic(String containerId, String iface, String network, long[] counters) {
        String key() {
            return containerId + "/" + iface;
        }
    }

    /**
     * @param ifaces the interface names in the container's stats
     * @param macs   interface name -> MAC address read inside the container (may be empty)
     */
    static Map<String, String> interfaceNetworks(Set<String> ifaces, Map<String, String> macs, ContainerMeta m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.sharesNetwork()) {
            return out;
        }
        Map<String, String> byMac = new HashMap<>();
        m.endpoints().forEach((net, ep) -> {
            if (ep.mac() != null && !ep.mac().isEmpty()) {
                byMac.put(ep.mac().toLowerCase(Locale.ROOT), net);
            }
        });
        for (String iface : ifaces) {
            String mac = macs.get(iface);
            String net = mac == null ? null : byMac.get(mac.trim().toLowerCase(Locale.ROOT));
            if (net != null) {
                out.put(iface, net);
            }
        }
        if (out.isEmpty() && ifaces.size() == 1 && m.endpoints().size() == 1) {
            String net = m.endpoints().keySet().iterator().next();
            if (!"host".equals(net) && !"none".equals(net)) {
                out.put(ifaces.iterator().next(), net);
            }
        }
        return out;
    }

    /**
     * @param networks        the GET /networks reply (an array)
     * @param runningAttached network name -> number of running containers attached
     * @param traffic         mapped interfaces of this collection
     * @param previous        counters of the previous collection by {@link Traffic#key()}; null on the first
     * @param sinceLast       time since the previous collection
     */
    static List<Point> points(JsonNode networks, Map<String, Integer> runningAttached, List<Traffic> traffic,
                              Map<String, long[]> previous, Duration sinceLast, Map<String, String> engineTags,
                              Instant now) {
        Map<String, Point.Builder> rows = new LinkedHashMap<>();
        Map<String, long[]> sums = new HashMap<>();
        Map<String, long[]> deltas = new HashMap<>();
        if (networks != null && networks.isArray()) {
            for (JsonNode n : networks) {
                String name = Json.text(n, "Name");
                if (name == null || name.isEmpty()) {
                    continue;
                }
                rows.put(name, Point.builder("docker_network").tags(engineTags).tag("network", name)
                        .tag("driver", Json.text(n, "Driver")).tag("scope", Json.text(n, "Scope")).time(now)
                        .field("network_id", Json.text(n, "Id"))
                        .field("internal", n.path("Internal").asBoolean(false))
                        .field("attachable", n.path("Attachable").asBoolean(false))
                        .field("ipv6", n.path("EnableIPv6").asBoolean(false)));
            }
        }
        boolean rates = previous != null && sinceLast != null && !sinceLast.isZero() && !sinceLast.isNegative();
        for (Traffic t : traffic) {
            rows.computeIfAbsent(t.network(), name -> Point.builder("docker_network").tags(engineTags)
                    .tag("network", name).time(now));
            long[] s = sums.computeIfAbsent(t.network(), k -> new long[StatsMapper.NET_FIELDS.length]);
            for (int i = 0; i < s.length; i++) {
                s[i] += t.counters()[i];
            }
            if (rates) {
                long[] d = deltas.computeIfAbsent(t.network(), k -> new long[2]);
                long[] p = previous.get(t.key());
                // bytes are NET_FIELDS[0] (rx) and [4] (tx); a new member or a counter reset adds nothing
                if (p != null && t.counters()[0] >= p[0] && t.counters()[4] >= p[4]) {
                    d[0] += t.counters()[0] - p[0];
                    d[1] += t.counters()[4] - p[4];
                }
            }
        }
        List<Point> out = new ArrayList<>(rows.size());
        double seconds = rates ? sinceLast.toNanos() / 1e9 : 0;
        rows.forEach((name, b) -> {
            b.field("containers", (long) runningAttached.getOrDefault(name, 0));
            long[] s = sums.getOrDefault(name, new long[StatsMapper.NET_FIELDS.length]);
            for (int i = 0; i < s.length; i++) {
                b.field(StatsMapper.NET_FIELDS[i], s[i]);
            }
            if (rates) {
                long[] d = deltas.getOrDefault(name, new long[2]);
                b.field("rx_bytes_per_second", d[0] / seconds);
                b.field("tx_bytes_per_second", d[1] / seconds);
            }
            out.add(b.build());
        });
        return out;
    }
}
