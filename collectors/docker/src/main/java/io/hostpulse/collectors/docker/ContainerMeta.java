package io.hostpulse.collectors.docker;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the collector knows about one container from its inspect reply.
 *
 * @param tags        the container's tags (name, image, version, compose project/service, selected labels)
 * @param pid         main process id on the host, 0 when not running
 * @param networkMode HostConfig.NetworkMode (bridge, host, none, a network name, container:&lt;id&gt;)
 * @param endpoints   Docker network name -> endpoint (network id, MAC address) from NetworkSettings.Networks
 * @param cpuLimit    CPUs the container may use (NanoCpus, CpuQuota/CpuPeriod or cpuset), null when unlimited
 * @param ownTagLabels selected labels not copied because hostpulse sets a tag of that name itself
 */
record ContainerMeta(String id, String name, String state, SortedMap<String, String> tags, int pid,
                     String networkMode, Map<String, Endpoint> endpoints, Double cpuLimit, List<String> ownTagLabels) {

    record Endpoint(String networkId, String mac) {
    }

    boolean running() {
        return "running".equals(state);
    }

    /** Shares another container's network namespace: its interfaces and traffic belong to that container. */
    boolean sharesNetwork() {
        return networkMode != null && networkMode.startsWith("container:");
    }
}
