package io.hostpulse.collectors.docker.netmap.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.config.ConfigProblems;

import java.util.Map;

/** Reads YAML as the agent's config loader does (Jackson YAML to plain maps and lists) into a network_map node. */
final class Yaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    /** The root node of a file "hostpulse.yaml" holding {@code text}. */
    @SuppressWarnings("unchecked")
    static ConfigNode root(String text) {
        return ConfigNode.root(new ConfigProblems("hostpulse.yaml"), (Map<String, Object>) rawTree(text));
    }

    /** The parsed tree of {@code text}. */
    static Object rawTree(String text) {
        try {
            return YAML.convertValue(YAML.readTree(text), Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not YAML: " + text, e);
        }
    }

    /** The collectors.docker.network_map node of a file holding {@code rules} (indented text under network_map). */
    static ConfigNode networkMap(String underNetworkMap) {
        return root("collectors:\n  docker:\n    network_map:\n" + underNetworkMap.indent(6)).child("collectors")
                .child("docker").child("network_map");
    }

    /** Parses the rules, then finishes the whole file as the agent does (unknown keys). */
    static SegmentationRules parse(ConfigNode networkMap) {
        SegmentationRules r = SegmentationRules.parse(networkMap);
        networkMap.finish();
        return r;
    }
}
