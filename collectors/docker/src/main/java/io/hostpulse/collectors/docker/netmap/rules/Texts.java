package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

/** The wording shared by violation messages and suggestion comments. */
final class Texts {
    private Texts() {
    }

    /** "web connected to db on port 5432/tcp over net_b" (plus "through a port published on the host"). */
    static String edge(NetworkMap.Edge e) {
        return e.client() + " connected to " + e.server() + " on port " + e.port() + "/" + e.proto() + " over "
                + e.network() + (e.published() ? " through a port published on the host" : "");
    }

    static String connections(int n) {
        return n + (n == 1 ? " connection" : " connections");
    }

    /** "0.0.0.0:8443->443/tcp", as {@code docker ps} shows it. */
    static String published(NetworkMap.PublishedPort p) {
        String ip = p.hostIp() == null || p.hostIp().isEmpty() ? "" : p.hostIp().contains(":") ? "[" + p.hostIp() + "]:" : p.hostIp() + ":";
        return ip + p.hostPort() + "->" + p.containerPort() + "/" + p.proto();
    }
}
