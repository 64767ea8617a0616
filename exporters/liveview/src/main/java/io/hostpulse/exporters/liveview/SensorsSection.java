package io.hostpulse.exporters.liveview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.core.Point;

import java.util.List;

/**
 * The {@code sensors} section of the API (version 1): the latest batches of the sensors and nvidia_smi collectors,
 * grouped for the page's Sensors panel. Every row is one point's tags and fields as they are (no unit conversion, no
 * recomputed figure), in the collector's order. Two labels are added: {@code level} (ok, warning, critical) on
 * temperatures that carry their own limits, and {@code vendor} on GPUs. Pure.
 *
 * <p>A temperature is critical at or above its own critical limit and a warning at or above its own maximum, the
 * limits the chip (or the GPU) reports: for {@code sensors} rows {@code temp_crit} and {@code temp_max}, for
 * {@code nvidia_smi} rows {@code temperature_gpu_shutdown_threshold} and {@code temperature_gpu_slowdown_threshold}.
 * A reading without limits is {@code ok}: the live view invents no thresholds (the alert rules own those).
 */
final class SensorsSection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SensorsSection() {
    }

    static ObjectNode build(List<Point> sensors, List<Point> nvidia) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode temperatures = n.putArray("temperatures");
        ArrayNode temp = n.putArray("temp");
        ArrayNode fans = n.putArray("fans");
        ArrayNode voltages = n.putArray("voltages");
        ArrayNode gpus = n.putArray("gpus");
        ArrayNode chipPower = n.putArray("chip_power");
        ArrayNode rapl = n.putArray("rapl");
        ArrayNode supplies = n.putArray("power_supply");
        for (Point p : sensors) {
            switch (p.measurement()) {
                case "sensors" -> {
                    if (p.field("temp_input") instanceof Number t) {
                        temperatures.add(Snapshot.flat(p).put("level", level(t, p.field("temp_max"), p.field("temp_crit"))));
                    } else if (p.field("fan_input") != null) {
                        fans.add(Snapshot.flat(p));
                    } else if (p.field("in_input") != null) {
                        voltages.add(Snapshot.flat(p));
                    } else if (p.field("power_average") != null || p.field("power_input") != null) {
                        chipPower.add(Snapshot.flat(p));
                    }
                }
                case "temp" -> temp.add(Snapshot.flat(p));
                case "amd_rocm_smi" -> gpus.add(Snapshot.flat(p).put("vendor", "amd"));
                case "rapl" -> rapl.add(Snapshot.flat(p));
                case "power_supply" -> supplies.add(Snapshot.flat(p));
                default -> {
                }
            }
        }
        for (Point p : nvidia) {
            if (p.measurement().equals("nvidia_smi")) {
                ObjectNode g = Snapshot.flat(p).put("vendor", "nvidia");
                if (p.field("temperature_gpu") instanceof Number t) {
                    g.put("level", level(t, p.field("temperature_gpu_slowdown_threshold"), p.field("temperature_gpu_shutdown_threshold")));
                }
                gpus.add(g);
            }
        }
        return n;
    }

    /** ok, warning (at or above {@code max}) or critical (at or above {@code crit}); a missing limit is never reached. */
    static String level(Number value, Object max, Object crit) {
        double v = value.doubleValue();
        if (crit instanceof Number c && v >= c.doubleValue()) {
            return "critical";
        }
        if (max instanceof Number m && v >= m.doubleValue()) {
            return "warning";
        }
        return "ok";
    }
}
