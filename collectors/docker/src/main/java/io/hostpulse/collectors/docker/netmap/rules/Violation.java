package io.hostpulse.collectors.docker.netmap.rules;

/**
 * One breach of one segmentation rule on one map: an edge seen now that a connection rule forbids, or a container
 * whose configuration a static rule forbids. Its tags (rule, kind, client, server, port, proto, network) identify one
 * alert series, so the alert resolves when the breach is gone from a later map.
 *
 * @param rule        the rule's name
 * @param kind        the rule's kind ({@code accept_only}, {@code outside_only}, {@code not_on_both},
 *                    {@code no_published_ports})
 * @param client      the edge's client node; null for the static kinds
 * @param server      the edge's server node, or the container a static rule names
 * @param port        the edge's server port; the host port for {@code no_published_ports}; 0 for {@code not_on_both}
 * @param proto       "tcp" or "udp"; null for {@code not_on_both}
 * @param network     the network the edge crossed; for {@code no_published_ports} the container's network the rule
 *                    matched; for {@code not_on_both} the two networks joined with "+"
 * @param connections the edge's connections now (at least 1); 1 for a static breach
 * @param message     one sentence naming the containers, the port, the network and the rule
 */
public record Violation(String rule, String kind, String client, String server, int port, String proto,
                        String network, int connections, String message) {
}
