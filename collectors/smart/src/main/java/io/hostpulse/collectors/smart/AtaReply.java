package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static io.hostpulse.collectors.smart.SmartctlParser.ataAge;
import static io.hostpulse.collectors.smart.SmartctlParser.number;
import static io.hostpulse.collectors.smart.SmartctlParser.text;

/** The ATA sections of a {@code smartctl --json} reply: the attribute table, the error log and the self-test log. */
final class AtaReply {
    private AtaReply() {
    }

    static SmartReport.Ata parse(JsonNode root, boolean seagate, List<String> problems) {
        List<SmartReport.AtaAttribute> attributes = attributes(root, seagate, problems);
        JsonNode errors = root.path("ata_smart_error_log");
        Long errorLog = number(errors.path("summary"), "count", problems);
        if (errorLog == null) {
            errorLog = number(errors.path("extended"), "count", problems);
        }
        return new SmartReport.Ata(attributes, errorLog);
    }

    private static List<SmartReport.AtaAttribute> attributes(JsonNode root, boolean seagate, List<String> problems) {
        List<SmartReport.AtaAttribute> out = new ArrayList<>();
        for (JsonNode a : root.path("ata_smart_attributes").path("table")) {
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

    /** The extended self-test log, else the standard one; null when the reply has neither. */
    static SmartReport.SelfTests selfTests(JsonNode root, Long powerOnHours, List<String> problems) {
        JsonNode ata = root.path("ata_smart_self_test_log");
        JsonNode log = ata.path("extended").isObject() ? ata.path("extended") : ata.path("standard");
        if (!log.isObject()) {
            return null;
        }
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
                    passed.isBoolean() ? passed.booleanValue() : null, ataAge(powerOnHours, life));
        }
        return new SmartReport.SelfTests(last, failures);
    }
}
