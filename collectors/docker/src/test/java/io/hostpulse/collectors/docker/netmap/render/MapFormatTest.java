package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapFormatTest {
    @Test
    void namesAreReadInAnyCase() {
        assertThat(MapFormat.parse("plantuml")).isEqualTo(MapFormat.PLANTUML);
        assertThat(MapFormat.parse("PUML")).isEqualTo(MapFormat.PLANTUML);
        assertThat(MapFormat.parse(" Mermaid ")).isEqualTo(MapFormat.MERMAID);
        assertThat(MapFormat.parse("Json")).isEqualTo(MapFormat.JSON);
    }

    @Test
    void anUnknownNameIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> MapFormat.parse("svg")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown map format \"svg\"; known: plantuml (or puml), mermaid, json");
        assertThatThrownBy(() -> MapFormat.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown map format (none); known: plantuml (or puml), mermaid, json");
    }

    @Test
    void eachFormatRendersWithItsRendererAndMediaType() {
        NetworkMap m = RenderCases.map("tiny");
        assertThat(MapFormat.PLANTUML.render(m)).isEqualTo(PlantUml.render(m)).startsWith("@startuml");
        assertThat(MapFormat.MERMAID.render(m)).isEqualTo(Mermaid.render(m)).contains("flowchart LR");
        assertThat(MapFormat.JSON.render(m)).isEqualTo(MapJson.write(m));
        assertThat(MapFormat.PLANTUML.mediaType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(MapFormat.MERMAID.mediaType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(MapFormat.JSON.mediaType()).isEqualTo("application/json");
    }
}
