package io.hostpulse.collectors.docker.netmap;

import java.util.List;
import java.util.Map;

/**
 * What the engine says about the host's containers and networks, read from the inspect replies the Docker
 * collector fetches anyway: the input of {@link MapBuilder} beside the socket tables.
 *
 * @param containers every container the collector selected, running or not
 * @param networks   every Docker network of the engine
 */
public record Topology(List<Container> containers, List<Net> networks) {

    public Topology {
        containers = List.copyOf(containers);
        networks = List.copyOf(networks);
    }

    /**
     * One container.
     *
     * @param pid         main process on the host (0 when not running)
     * @param networkMode HostConfig.NetworkMode: bridge, host, none, a network name, container:&lt;id&gt;
     * @param addresses   Docker network name -&gt; its addresses on that network (IPv4 and/or IPv6, canonical text)
     * @param published   ports published on the host
     * @param homeLabel   the {@code hostpulse.map.network} label: the network to draw it in, null when unset
     */
    public record Container(String id, String name, String state, int pid, String networkMode,
                            Map<String, List<String>> addresses, List<NetworkMap.PublishedPort> published,
                            String project, String service, String homeLabel) {
        public Container {
            addresses = Map.copyOf(addresses);
            published = List.copyOf(published);
        }

        public boolean running() {
            return "running".equals(state) && pid > 0;
        }

        public boolean hostMode() {
            return "host".equals(networkMode);
        }

        /** Shares another container's network namespace: its sockets are that container's. */
        public boolean sharesNetwork() {
            return networkMode != null && networkMode.startsWith("container:");
        }
    }

    /**
     * A Docker network with the host's own addresses on it.
     *
     * @param gateways the gateway addresses (the host's side of a bridge), canonical text
     */
    public record Net(String name, String driver, boolean internal, List<String> subnets, List<String> gateways) {
        public Net {
            subnets = List.copyOf(subnets);
            gateways = List.copyOf(gateways);
        }
    }
}
