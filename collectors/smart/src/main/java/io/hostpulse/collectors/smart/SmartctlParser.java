package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure parser of {@code smartctl --json} replies (smartctl 7.x, and the pre-release JSON of 6.x whose keys
 * were {@code vendor}/{@code product}/{@code model_name}). Unknown keys are ignored, missing sections give
 * nulls, numbers written as strings (also with a decimal comma) are read, and anything odd is listed in
 * {@link SmartReport#problems()}. Only text that is not JSON at all throws.
 */
final class SmartctlParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One line of {@code smartctl --scan-open --json}. openError is set when smartctl could not open it. */
    record ScanEntry(String name, String type, String protocol, String openError) {
    }

    static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    private SmartctlParser() {
    }

    static JsonNode tree(String json) throws ParseException {
        if (json == null || json.isBlank()) {
            throw new ParseException("smartctl printed nothing");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new ParseException("smartctl output is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            throw new ParseException("smartctl output is not valid JSON (truncated?): "
                    + (msg == null ? "" : msg.lines().findFirst().orElse("")));
        }
    }

    static List<ScanEntry> parseScan(String json) throws ParseException {
        JsonNode root = tree(json);
        List<ScanEntry> out = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            String name = text(d, "name");
            if (name == null) {
                continue;
            }
            out.add(new ScanEntry(name, text(d, "type"), text(d, "protocol"), text(d, "open_error")));
        }
        return out;
    }

    static List<SmartReport.Message> messages(JsonNode root) {
        List<SmartReport.Message> out = new ArrayList<>();
        for (JsonNode m : root.path("smartctl").path("messages")) {
            String s = text(m, "string");
            if (s != null) {
                String sev = text(m, "severity");
                out.add(new SmartReport.Message(s, sev == null ? "information" : sev));
            }
        }
        return out;
    }

    static SmartReport parse(String json, int processExit) throws ParseException {
        JsonNode root = tree(json);
        List<String> problems = new ArrayList<>();
        JsonNode sc = root.path("smartctl");
        Long exit = number(sc, "exit_status", problems);
        int exitStatus = exit == null ? processExit : exit.intValue();
        String version = null;
        if (sc.path("version").isArray() && sc.path("version").size() >= 2) {
            version = sc.path("version").get(0).asText() + "." + sc.path("version").get(1).asText();
        }
        JsonNode dev = root.path("device");
        String protocol = text(dev, "protocol");
        if (protocol == null) {
            if (root.has("nvme_smart_health_information_log")) {
                protocol = "NVMe";
            } else if (root.has("ata_smart_attributes")) {
                protocol = "ATA";
            } else if (root.has("scsi_error_counter_log") || root.has("scsi_grown_defect_list")) {
                protocol = "SCSI";
            }
        }
        String model = firstText(root, "model_name", "scsi_model_name");
        if (model == null) {
            String vendor = firstText(root, "scsi_vendor", "vendor");
            String product = firstText(root, "scsi_product", "product");
            if (product != null) {
                model = vendor == null ? product : vendor + " " + product;
            }
        }
        String family = text(root, "model_family");
        String serial = text(root, "serial_number");
        String wwn = wwn(root);
        String firmware = firstText(root, "firmware_version", "scsi_revision", "revision");
        Long capacity = number(root.path("user_capacity"), "bytes", problems);
        if (capacity == null) {
            capacity = number(root, "nvme_total_capacity", problems);
        }
        Long rotation = number(root, "rotation_rate", problems);
        String powerMode = text(root.path("power_mode"), "name");
        Boolean passed = null;
        JsonNode ss = root.path("smart_status");
        if (ss.has("passed")) {
            JsonNode p = ss.get("passed");
            if (p.isBoolean()) {
                passed = p.booleanValue();
            } else if (p.isTextual() && (p.asText().equalsIgnoreCase("true") || p.asText().equalsIgnoreCase("false"))) {
                passed = Boolean.parseBoolean(p.asText());
                problems.add("smart_status.passed is text");
            } else {
                problems.add("smart_status.passed is not a boolean");
            }
        }
        boolean seagate = AtaRawDecoder.isSeagate(model, family);
        List<SmartReport.AtaAttribute> attributes = attributes(root, seagate, problems);

        Map<String, Number> nvme = new LinkedHashMap<>();
        JsonNode nlog = root.path("nvme_smart_health_information_log");
        if (nlog.isObject()) {
            for (Map.Entry<String, JsonNode> e : nlog.properties()) {
                String k = e.getKey();
                if (k.equals("nsid")) {
                    continue;
                }
                if (k.equals("temperature_sensors") && e.getValue().isArray()) {
                    int i = 1;
                    for (JsonNode t : e.getValue()) {
                        Number n = anyNumber(t, problems, k);
                        if (n != null) {
                            nvme.put("temperature_sensor_" + i, n);
                        }
                        i++;
                    }
                    continue;
                }
                Number n = anyNumber(e.getValue(), problems, k);
                if (n != null) {
                    nvme.put(k, n);
                }
            }
        }

        Map<String, Number> scsi = scsi(root, problems);

        Long temp = number(root.path("temperature"), "current", problems);
        if (temp == null && nvme.get("temperature") != null) {
            temp = nvme.get("temperature").longValue();
        }
        if (temp == null) {
            SmartReport.AtaAttribute t = find(attributes, 194);
            if (t == null) {
                t = find(attributes, 190);
            }
            if (t != null) {
                temp = t.decoded();
            }
        }
        Long poh = number(root.path("power_on_time"), "hours", problems);
        if (poh == null && nvme.get("power_on_hours") != null) {
            poh = nvme.get("power_on_hours").longValue();
        }
        if (poh == null) {
            SmartReport.AtaAttribute a = find(attributes, 9);
            if (a != null) {
                poh = a.decoded();
            }
        }
        Long cycles = number(root, "power_cycle_count", problems);
        if (cycles == null && nvme.get("power_cycles") != null) {
            cycles = nvme.get("power_cycles").longValue();
        }
        if (cycles == null) {
            cycles = number(root.path("scsi_start_stop_cycle_counter"), "accumulated_start_stop_cycles", problems);
        }
        if (cycles == null) {
            SmartReport.AtaAttribute a = find(attributes, 12);
            if (a != null) {
                cycles = a.decoded();
            }
        }
        Long enduranceUsed = number(root.path("endurance_used"), "current_percent", problems);

        SelfTestSummary st = selfTest(root, poh, problems);
        Long errorLog = number(root.path("ata_smart_error_log").path("summary"), "count", problems);
        if (errorLog == null) {
            errorLog = number(root.path("ata_smart_error_log").path("extended"), "count", problems);
        }
        if (errorLog == null && nvme.get("num_err_log_entries") != null) {
            errorLog = nvme.get("num_err_log_entries").longValue();
        }

        return new SmartReport(exitStatus, messages(root), version, text(dev, "name"), text(dev, "info_name"),
                text(dev, "type"), protocol, model, family, serial, wwn, firmware, capacity, rotation, powerMode,
                passed, temp, poh, cycles, attributes, nvme, scsi, enduranceUsed, st.last, st.failures,
                errorLog, problems);
    }

    private static SmartReport.AtaAttribute find(List<SmartReport.AtaAttribute> attrs, int id) {
        for (SmartReport.AtaAttribute a : attrs) {
            if (a.id() == id) {
                return a;
            }
        }
        return null;
    }

    /** smartctl prints the WWN as "5 000c50 0a1b2c3d4"; Telegraf and we join it: 5000c500a1b2c3d4. */
    static String wwn(JsonNode root) {
        JsonNode w = root.path("wwn");
        if (w.isObject() && w.has("naa") && w.has("oui") && w.has("id")) {
            return String.format("%x%06x%09x", w.get("naa").asLong(), w.get("oui").asLong(), w.get("id").asLong());
        }
        String lu = text(root, "logical_unit_id");
        if (lu != null) {
            return lu.toLowerCase().startsWith("0x") ? lu.substring(2).toLowerCase() : lu.toLowerCase();
        }
        return null;
    }

    private static List<SmartReport.AtaAttribute> attributes(JsonNode root, boolean seagate, List<String> problems) {
        List<SmartReport.AtaAttribute> out = new ArrayList<>();
        JsonNode table = root.path("ata_smart_attributes").path("table");
        for (JsonNode a : table) {
            Long id = number(a, "id", problems);
            if (id == null) {
                problems.add("an ATA attribute has no id");
                continue;
            }
            JsonNode raw = a.path("raw");
            Long rawValue = number(raw, "value", problems);
            String rawString = text(raw, "string");
            if (rawValue == null) {
                rawValue = AtaRawDecoder.leading(rawString);
            }
            long r = rawValue == null ? 0 : rawValue;
            String name = text(a, "name");
            JsonNode flags = a.path("flags");
            boolean prefail = flags.path("prefailure").asBoolean(false);
            Long value = number(a, "value", problems);
            Long worst = number(a, "worst", problems);
            Long thresh = number(a, "thresh", problems);
            String whenFailed = text(a, "when_failed");
            if (whenFailed == null) {
                // smartctl 6.x JSON has no when_failed: work it out as smartctl does
                whenFailed = "";
                if (thresh != null && thresh > 0) {
                    if (value != null && value <= thresh) {
                        whenFailed = "now";
                    } else if (worst != null && worst <= thresh) {
                        whenFailed = "past";
                    }
                }
            }
            out.add(new SmartReport.AtaAttribute(id.intValue(), name == null ? "Unknown_Attribute" : name, value,
                    worst, thresh, r, rawString, AtaRawDecoder.decode(id.intValue(), r, rawString, seagate),
                    whenFailed, text(flags, "string") == null ? null : text(flags, "string").trim(), prefail));
        }
        return out;
    }

    private static Map<String, Number> scsi(JsonNode root, List<String> problems) {
        Map<String, Number> out = new LinkedHashMap<>();
        Long grown = number(root, "scsi_grown_defect_list", problems);
        if (grown != null) {
            out.put("scsi_grown_defect_list", grown);
        }
        Long pending = number(root.path("scsi_pending_defects"), "count", problems);
        if (pending != null) {
            out.put("scsi_pending_defects", pending);
        }
        Long endurance = number(root, "scsi_percentage_used_endurance_indicator", problems);
        if (endurance != null) {
            out.put("percentage_used_endurance_indicator", endurance);
        }
        JsonNode log = root.path("scsi_error_counter_log");
        for (String dir : new String[] {"read", "write", "verify"}) {
            JsonNode d = log.path(dir);
            if (!d.isObject()) {
                continue;
            }
            for (String k : new String[] {"errors_corrected_by_eccfast", "errors_corrected_by_eccdelayed",
                    "errors_corrected_by_rereads_rewrites", "total_errors_corrected",
                    "correction_algorithm_invocations", "total_uncorrected_errors"}) {
                Long v = number(d, k, problems);
                if (v != null) {
                    out.put(dir + "_" + k, v);
                }
            }
            Double gb = decimal(d.path("gigabytes_processed"));
            if (gb != null) {
                out.put(dir + "_gigabytes_processed", gb);
            }
        }
        return out;
    }

    private record SelfTestSummary(SmartReport.SelfTest last, Long failures) {
    }

    private static SelfTestSummary selfTest(JsonNode root, Long poh, List<String> problems) {
        JsonNode ata = root.path("ata_smart_self_test_log");
        JsonNode log = ata.path("extended").isObject() ? ata.path("extended") : ata.path("standard");
        if (log.isObject()) {
            JsonNode table = log.path("table");
            Long failures = number(log, "error_count_total", problems);
            long counted = 0;
            for (JsonNode t : table) {
                if (t.path("status").path("passed").isBoolean() && !t.path("status").path("passed").asBoolean()) {
                    counted++;
                }
            }
            if (failures == null) {
                failures = counted;
            }
            SmartReport.SelfTest last = null;
            if (table.isArray() && table.size() > 0) {
                JsonNode t = table.get(0);
                JsonNode passed = t.path("status").path("passed");
                Long life = number(t, "lifetime_hours", problems);
                last = new SmartReport.SelfTest(text(t.path("type"), "string"), text(t.path("status"), "string"),
                        passed.isBoolean() ? passed.booleanValue() : null, ataAge(poh, life));
            }
            return new SelfTestSummary(last, failures);
        }
        JsonNode nvmeLog = root.path("nvme_self_test_log");
        if (nvmeLog.path("table").isArray() && nvmeLog.path("table").size() > 0) {
            long failed = 0;
            for (JsonNode t : nvmeLog.path("table")) {
                long v = t.path("self_test_result").path("value").asLong(0);
                if (v >= 4 && v <= 7) {
                    failed++;
                }
            }
            JsonNode t = nvmeLog.path("table").get(0);
            long v = t.path("self_test_result").path("value").asLong(-1);
            Long hours = number(t, "power_on_hours", problems);
            Boolean passed = v == 0 ? Boolean.TRUE : v >= 4 && v <= 7 ? Boolean.FALSE : null;
            return new SelfTestSummary(new SmartReport.SelfTest(text(t.path("self_test_code"), "string"),
                    text(t.path("self_test_result"), "string"), passed,
                    poh != null && hours != null && poh >= hours ? poh - hours : null), failed);
        }
        if (root.has("scsi_self_test_0")) {
            long failed = 0;
            for (int i = 0; i < 20 && root.has("scsi_self_test_" + i); i++) {
                long v = root.path("scsi_self_test_" + i).path("result").path("value").asLong(0);
                if (v >= 3 && v <= 7) {
                    failed++;
                }
            }
            JsonNode t = root.path("scsi_self_test_0");
            long v = t.path("result").path("value").asLong(-1);
            Long hours = number(t.path("power_on_time"), "hours", problems);
            Boolean passed = v == 0 ? Boolean.TRUE : v >= 3 && v <= 7 ? Boolean.FALSE : null;
            return new SelfTestSummary(new SmartReport.SelfTest(text(t.path("code"), "string"),
                    text(t.path("result"), "string"), passed,
                    poh != null && hours != null && poh >= hours ? poh - hours : null), failed);
        }
        return new SelfTestSummary(null, null);
    }

    /** ATA self-test logs keep power-on hours in 16 bits, so they wrap at 65536 hours. */
    static Long ataAge(Long poh, Long lifetimeHours) {
        if (poh == null || lifetimeHours == null) {
            return null;
        }
        if (poh <= 0xFFFF) {
            return poh >= lifetimeHours ? poh - lifetimeHours : null;
        }
        return Math.floorMod(poh - lifetimeHours, 65536L);
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? (v.isTextual() ? "" : null) : s;
    }

    private static String firstText(JsonNode node, String... keys) {
        for (String k : keys) {
            String t = text(node, k);
            if (t != null && !t.isEmpty()) {
                return t;
            }
        }
        return null;
    }

    /** A whole number; also accepts one written as text ("42"), which is noted as a problem. */
    static Long number(JsonNode node, String key, List<String> problems) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? v.longValue() : Long.MAX_VALUE;
        }
        if (v.isNumber()) {
            return (long) v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                long n = Long.parseLong(v.asText().trim());
                problems.add(key + " is a number written as text");
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + " is not a number: \"" + v.asText() + "\"");
                return null;
            }
        }
        problems.add(key + " is not a number");
        return null;
    }

    private static Number anyNumber(JsonNode v, List<String> problems, String key) {
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Number) v.longValue() : (Number) v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                BigInteger b = new BigInteger(v.asText().trim());
                problems.add(key + " is a number written as text");
                return b.bitLength() < 64 ? (Number) b.longValue() : b;
            } catch (NumberFormatException e) {
                problems.add(key + " is not a number: \"" + v.asText() + "\"");
            }
        }
        return null;
    }

    /** "9235.838", "3,641" or "2124,590" (a decimal comma from the locale smartctl ran in), or a number. */
    static Double decimal(JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (!v.isTextual()) {
            return null;
        }
        String s = v.asText().trim();
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0 && s.indexOf(',') == s.lastIndexOf(',')) {
            s = s.replace(',', '.');
        } else {
            s = s.replace(",", "");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
