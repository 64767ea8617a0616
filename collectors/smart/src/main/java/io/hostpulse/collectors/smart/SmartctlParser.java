package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * One device's reply: what all protocols share is read here, each protocol's own sections by
     * {@link AtaReply}, {@link NvmeReply} and {@link ScsiReply}; the vitals take the common field first and the
     * protocol's own figure where smartctl gave no common one.
     */
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
        SmartReport.Device device = device(root);
        SmartReport.Identity identity = identity(root, problems);
        Boolean passed = smartPassed(root, problems);
        SmartReport.Ata ata = AtaReply.parse(root, AtaRawDecoder.isSeagate(identity.model(), identity.family()),
                problems);
        SmartReport.Nvme nvme = NvmeReply.parse(root, problems);
        SmartReport.Scsi scsi = ScsiReply.parse(root, problems);
        SmartReport.Vitals vitals = vitals(root, passed, ata, nvme, problems);
        SmartReport.SelfTests selfTests = AtaReply.selfTests(root, vitals.powerOnHours(), problems);
        if (selfTests == null) {
            selfTests = NvmeReply.selfTests(root, vitals.powerOnHours(), problems);
        }
        if (selfTests == null) {
            selfTests = ScsiReply.selfTests(root, vitals.powerOnHours(), problems);
        }
        return new SmartReport(exitStatus, messages(root), version, device, identity, vitals,
                selfTests == null ? SmartReport.SelfTests.NONE : selfTests, ata, nvme, scsi, problems);
    }

    /** How smartctl reached the device; the protocol is guessed from the sections when smartctl does not say. */
    private static SmartReport.Device device(JsonNode root) {
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
        return new SmartReport.Device(text(dev, "name"), text(dev, "info_name"), text(dev, "type"), protocol);
    }

    /** Model (SCSI: vendor and product), serial, WWN, firmware, capacity and rotation. */
    private static SmartReport.Identity identity(JsonNode root, List<String> problems) {
        String model = firstText(root, "model_name", "scsi_model_name");
        if (model == null) {
            String vendor = firstText(root, "scsi_vendor", "vendor");
            String product = firstText(root, "scsi_product", "product");
            if (product != null) {
                model = vendor == null ? product : vendor + " " + product;
            }
        }
        Long capacity = number(root.path("user_capacity"), "bytes", problems);
        if (capacity == null) {
            capacity = number(root, "nvme_total_capacity", problems);
        }
        return new SmartReport.Identity(model, text(root, "model_family"), text(root, "serial_number"), wwn(root),
                firstText(root, "firmware_version", "scsi_revision", "revision"), capacity,
                number(root, "rotation_rate", problems));
    }

    /** {@code smart_status.passed}; also read when written as text, which is noted. */
    private static Boolean smartPassed(JsonNode root, List<String> problems) {
        JsonNode ss = root.path("smart_status");
        if (!ss.has("passed")) {
            return null;
        }
        JsonNode p = ss.get("passed");
        if (p.isBoolean()) {
            return p.booleanValue();
        }
        if (p.isTextual() && (p.asText().equalsIgnoreCase("true") || p.asText().equalsIgnoreCase("false"))) {
            problems.add("smart_status.passed is text");
            return Boolean.parseBoolean(p.asText());
        }
        problems.add("smart_status.passed is not a boolean");
        return null;
    }

    /** Temperature, power-on hours and cycles: smartctl's common fields, else NVMe's log, else SCSI's or ATA's. */
    private static SmartReport.Vitals vitals(JsonNode root, Boolean passed, SmartReport.Ata ata, SmartReport.Nvme nvme,
                                             List<String> problems) {
        Long temp = number(root.path("temperature"), "current", problems);
        if (temp == null) {
            temp = nvme.longValue("temperature");
        }
        if (temp == null) {
            temp = ata.decoded(194);
        }
        if (temp == null) {
            temp = ata.decoded(190);
        }
        Long poh = number(root.path("power_on_time"), "hours", problems);
        if (poh == null) {
            poh = nvme.longValue("power_on_hours");
        }
        if (poh == null) {
            poh = ata.decoded(9);
        }
        Long cycles = number(root, "power_cycle_count", problems);
        if (cycles == null) {
            cycles = nvme.longValue("power_cycles");
        }
        if (cycles == null) {
            cycles = ScsiReply.startStopCycles(root, problems);
        }
        if (cycles == null) {
            cycles = ata.decoded(12);
        }
        return new SmartReport.Vitals(passed, text(root.path("power_mode"), "name"), temp, poh, cycles,
                number(root.path("endurance_used"), "current_percent", problems));
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

    static String firstText(JsonNode node, String... keys) {
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

    static Number anyNumber(JsonNode v, List<String> problems, String key) {
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
