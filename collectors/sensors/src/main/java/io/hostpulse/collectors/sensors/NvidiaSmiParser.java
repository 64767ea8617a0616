package io.hostpulse.collectors.sensors;

import io.hostpulse.core.text.Numbers;

import io.hostpulse.core.Point;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code nvidia-smi -q -x} into Telegraf's {@code nvidia_smi} points (one per GPU, Telegraf's schema v12/v13
 * tag and field names), {@code nvidia_smi_mig} points (one per MIG device) and hostpulse's
 * {@code nvidia_smi_process} points (one per listed process with a known memory use). Values that nvidia-smi gives as
 * {@code N/A}, {@code [N/A]}, {@code Not Supported}, {@code Unknown Error} or "Requested functionality has been
 * deprecated" are left out, never zero. Pure.
 *
 * <p>The XML declares an external DTD ({@code nvsmi_device_v12.dtd}); it is never fetched, and external entities are
 * not resolved (the JDK parser with secure processing, no external DTD, no external entities).
 */
final class NvidiaSmiParser {
    private static final Set<String> UNKNOWN = Set.of("n/a", "[n/a]", "not supported", "[not supported]", "unknown error",
            "requested functionality has been deprecated", "none", "");
    private static final Pattern LEADING_FLOAT = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)");

    private NvidiaSmiParser() {
    }

    /** What one run of nvidia-smi gave. */
    record Result(List<Point> gpus, List<Point> mig, List<Point> processes) {
    }

    static Result parse(String xml, Instant now) throws IOException {
        Element root = document(xml).getDocumentElement();
        if (!root.getTagName().equals("nvidia_smi_log")) {
            throw new IOException("nvidia-smi output is not an nvidia_smi_log document (root element <" + root.getTagName() + ">)");
        }
        String driver = text(root, "driver_version");
        String cuda = text(root, "cuda_version");
        List<Point> gpus = new ArrayList<>();
        List<Point> mig = new ArrayList<>();
        List<Point> processes = new ArrayList<>();
        int index = 0;
        for (Element gpu : children(root, "gpu")) {
            String idx = Integer.toString(index++);
            Point.Builder b = Point.builder("nvidia_smi").time(now)
                    .tag("index", idx)
                    .tag("pstate", text(gpu, "performance_state"))
                    .tag("name", text(gpu, "product_name"))
                    .tag("arch", text(gpu, "product_architecture"))
                    .tag("uuid", text(gpu, "uuid"))
                    .tag("compute_mode", text(gpu, "compute_mode"));
            b.field("driver_version", driver).field("cuda_version", cuda)
                    .field("serial", text(gpu, "serial"))
                    .field("vbios_version", text(gpu, "vbios_version"))
                    .field("display_active", text(gpu, "display_active"))
                    .field("display_mode", text(gpu, "display_mode"))
                    .field("current_ecc", text(gpu, "ecc_mode/current_ecc"))
                    .field("fan_speed", integer(gpu, "fan_speed"))
                    .field("memory_total", integer(gpu, "fb_memory_usage/total"))
                    .field("memory_used", integer(gpu, "fb_memory_usage/used"))
                    .field("memory_free", integer(gpu, "fb_memory_usage/free"))
                    .field("memory_reserved", integer(gpu, "fb_memory_usage/reserved"))
                    .field("retired_pages_multiple_single_bit", integer(gpu, "retired_pages/multiple_single_bit_retirement/retired_count"))
                    .field("retired_pages_double_bit", integer(gpu, "retired_pages/double_bit_retirement/retired_count"))
                    .field("retired_pages_blacklist", text(gpu, "retired_pages/pending_blacklist"))
                    .field("retired_pages_pending", text(gpu, "retired_pages/pending_retirement"))
                    .field("remapped_rows_correctable", integer(gpu, "remapped_rows/remapped_row_corr"))
                    .field("remapped_rows_uncorrectable", integer(gpu, "remapped_rows/remapped_row_unc"))
                    .field("remapped_rows_pending", text(gpu, "remapped_rows/remapped_row_pending"))
                    .field("remapped_rows_failure", text(gpu, "remapped_rows/remapped_row_failure"))
                    .field("temperature_gpu", integer(gpu, "temperature/gpu_temp"))
                    .field("temperature_gpu_slowdown_threshold", threshold(gpu, "gpu_temp_slow_threshold", "gpu_temp_slow_tlimit_threshold"))
                    .field("temperature_gpu_shutdown_threshold", threshold(gpu, "gpu_temp_max_threshold", "gpu_temp_max_tlimit_threshold"))
                    .field("utilization_gpu", integer(gpu, "utilization/gpu_util"))
                    .field("utilization_memory", integer(gpu, "utilization/memory_util"))
                    .field("utilization_encoder", integer(gpu, "utilization/encoder_util"))
                    .field("utilization_decoder", integer(gpu, "utilization/decoder_util"))
                    .field("utilization_jpeg", integer(gpu, "utilization/jpeg_util"))
                    .field("utilization_ofa", integer(gpu, "utilization/ofa_util"))
                    .field("pcie_link_gen_current", integer(gpu, "pci/pci_gpu_link_info/pcie_gen/current_link_gen"))
                    .field("pcie_link_width_current", integer(gpu, "pci/pci_gpu_link_info/link_widths/current_link_width"))
                    .field("encoder_stats_session_count", integer(gpu, "encoder_stats/session_count"))
                    .field("encoder_stats_average_fps", integer(gpu, "encoder_stats/average_fps"))
                    .field("encoder_stats_average_latency", integer(gpu, "encoder_stats/average_latency"))
                    .field("fbc_stats_session_count", integer(gpu, "fbc_stats/session_count"))
                    .field("fbc_stats_average_fps", integer(gpu, "fbc_stats/average_fps"))
                    .field("fbc_stats_average_latency", integer(gpu, "fbc_stats/average_latency"))
                    .field("clocks_current_graphics", integer(gpu, "clocks/graphics_clock"))
                    .field("clocks_current_sm", integer(gpu, "clocks/sm_clock"))
                    .field("clocks_current_memory", integer(gpu, "clocks/mem_clock"))
                    .field("clocks_current_video", integer(gpu, "clocks/video_clock"))
                    .field("power_draw", firstDecimal(gpu, "power_readings/power_draw", "gpu_power_readings/power_draw",
                            "gpu_power_readings/instant_power_draw", "gpu_power_readings/average_power_draw"))
                    .field("module_power_draw", firstDecimal(gpu, "module_power_readings/power_draw",
                            "module_power_readings/instant_power_draw", "module_power_readings/average_power_draw"));
            List<Point> own = processes(gpu, idx, now);
            Point top = own.stream().filter(p -> p.field("used_memory") != null)
                    .max(Comparator.comparingLong(p -> (Long) p.field("used_memory"))).orElse(null);
            if (top != null) {
                b.field("top_process", describe(top)).field("top_process_memory", top.field("used_memory"));
            } else {
                b.field("top_process", "none");
            }
            gpus.add(b.build());
            processes.addAll(own);
            for (Element d : children(child(gpu, "mig_devices"), "mig_device")) {
                Point.Builder m = Point.builder("nvidia_smi_mig").time(now)
                        .tag("index", text(d, "index"))
                        .tag("gpu_index", text(d, "gpu_instance_id"))
                        .tag("compute_index", text(d, "compute_instance_id"))
                        .tag("pstate", text(gpu, "performance_state"))
                        .tag("name", text(gpu, "product_name"))
                        .tag("arch", text(gpu, "product_architecture"))
                        .tag("uuid", text(gpu, "uuid"))
                        .tag("compute_mode", text(gpu, "compute_mode"))
                        .field("sram_uncorrectable", integer(d, "ecc_error_count/volatile_count/sram_uncorrectable"))
                        .field("memory_fb_total", integer(d, "fb_memory_usage/total"))
                        .field("memory_fb_reserved", integer(d, "fb_memory_usage/reserved"))
                        .field("memory_fb_used", integer(d, "fb_memory_usage/used"))
                        .field("memory_fb_free", integer(d, "fb_memory_usage/free"))
                        .field("memory_bar1_total", integer(d, "bar1_memory_usage/total"))
                        .field("memory_bar1_used", integer(d, "bar1_memory_usage/used"))
                        .field("memory_bar1_free", integer(d, "bar1_memory_usage/free"));
                if (m.hasFields()) {
                    mig.add(m.build());
                }
            }
        }
        return new Result(List.copyOf(gpus), List.copyOf(mig), List.copyOf(processes));
    }

    /**
     * A temperature threshold in °C: schema v11/v12 give it directly; schema v13 drivers give it relative to T.Limit
     * ({@code gpu_temp_tlimit} is how far the GPU is below T.Limit, the threshold how far past T.Limit it acts), so the
     * absolute figure is {@code gpu_temp + gpu_temp_tlimit - threshold}.
     */
    private static Long threshold(Element gpu, String absolute, String relative) {
        Long direct = integer(gpu, "temperature/" + absolute);
        if (direct != null) {
            return direct;
        }
        Long temp = integer(gpu, "temperature/gpu_temp");
        Long headroom = integer(gpu, "temperature/gpu_temp_tlimit");
        Long past = integer(gpu, "temperature/" + relative);
        return temp == null || headroom == null || past == null ? null : temp + headroom - past;
    }

    private static List<Point> processes(Element gpu, String index, Instant now) {
        List<Point> out = new ArrayList<>();
        for (Element p : children(child(gpu, "processes"), "process_info")) {
            Point.Builder b = Point.builder("nvidia_smi_process").time(now)
                    .tag("index", index)
                    .tag("name", text(gpu, "product_name"))
                    .tag("uuid", text(gpu, "uuid"))
                    .tag("pid", text(p, "pid"))
                    .tag("process_name", text(p, "process_name"))
                    .tag("type", text(p, "type"))
                    .field("used_memory", integer(p, "used_memory"));
            if (b.hasFields()) {
                out.add(b.build());
            }
        }
        return out;
    }

    /** "python (pid 5762, 1005 MiB)": the culprit text for alert messages. */
    private static String describe(Point p) {
        String name = p.tag("process_name") == null ? "unnamed process" : p.tag("process_name");
        return name + " (pid " + p.tag("pid") + ", " + p.field("used_memory") + " MiB)";
    }

    static Document document(String xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new IOException("nvidia-smi output is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The trimmed text at a slash-separated path of child elements, or null when absent or unknown. */
    static String text(Element from, String path) {
        Element e = from;
        for (String part : path.split("/")) {
            e = child(e, part);
            if (e == null) {
                return null;
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return null; // a section, not a value
            }
        }
        String t = e.getTextContent().trim();
        return UNKNOWN.contains(t.toLowerCase(java.util.Locale.ROOT)) ? null : t;
    }

    /** The leading whole number of a value such as "40 C", "1032 MiB" or "16x"; null when unknown. */
    static Long integer(Element from, String path) {
        return Numbers.leadingLong(text(from, path));
    }

    static Double decimal(Element from, String path) {
        String t = text(from, path);
        if (t == null) {
            return null;
        }
        Matcher m = LEADING_FLOAT.matcher(t);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    private static Double firstDecimal(Element from, String... paths) {
        for (String p : paths) {
            Double d = decimal(from, p);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
