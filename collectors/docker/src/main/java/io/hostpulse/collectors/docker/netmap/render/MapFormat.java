package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.util.Locale;

/** The text formats of a network map, as {@code hostpulse map --format} and {@code /api/v1/map?format=} name them. */
public enum MapFormat {
    PLANTUML("text/plain; charset=utf-8"),
    MERMAID("text/plain; charset=utf-8"),
    JSON("application/json");

    private final String mediaType;

    MapFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * "plantuml" (or "puml"), "mermaid" or "json", in any case, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static MapFormat parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "plantuml", "puml" -> PLANTUML;
            case "mermaid" -> MERMAID;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown map format " + (s == null ? "(none)" : "\"" + s + "\"")
                    + "; known: plantuml (or puml), mermaid, json");
        };
    }

    public String render(NetworkMap m) {
        return switch (this) {
            case PLANTUML -> PlantUml.render(m);
            case MERMAID -> Mermaid.render(m);
            case JSON -> MapJson.write(m);
        };
    }

    /**
     * The HTTP Content-Type: PlantUML and Mermaid have no registered media type, so plain UTF-8 text (a browser shows
     * it, a wiki paste takes it); JSON's own type (always UTF-8).
     */
    public String mediaType() {
        return mediaType;
    }
}
