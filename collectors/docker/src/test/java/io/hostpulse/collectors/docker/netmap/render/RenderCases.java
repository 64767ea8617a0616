package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The golden cases under src/test/resources/netmap/render/&lt;case&gt;/ (see the README there). */
final class RenderCases {
    static final List<String> ALL = List.of("homelab", "tiny", "empty", "hostile");

    private RenderCases() {
    }

    /** A case's directory, relative to the module (the tests' working directory), so updates land in the sources. */
    static Path dir(String caseName) {
        return Path.of("src", "test", "resources", "netmap", "render", caseName);
    }

    static String json(String caseName) {
        try {
            return Files.readString(dir(caseName).resolve("map.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetworkMap map(String caseName) {
        return MapJson.read(json(caseName));
    }

    /** The name as a diagram shows it: control characters as spaces, outer blanks dropped by the renderers' fonts. */
    static String shown(String s) {
        return s.replaceAll("[\\p{Cntrl}\u2028\u2029]", " ").strip();
    }
}
