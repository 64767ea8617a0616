package io.hostpulse.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostpulse.core.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one step from a config file to a tree: read the text, substitute {@code ${VAR}}, parse the YAML. Kept apart
 * from {@link ConfigLoader} (which only walks the tree) so that how a file is read can change in one place.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** The text of {@code path}, or null when it does not exist. */
    static String read(Path path) throws ConfigException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read: " + e.getMessage());
        }
    }

    /** The parsed document (empty for a file of only comments); {@code name} is used in error messages. */
    static Map<String, Object> parse(String name, String text, Map<String, String> env) throws ConfigException {
        List<String> envProblems = new ArrayList<>();
        EnvSubstitution.Result substituted = EnvSubstitution.apply(text, env, name, envProblems);
        if (!envProblems.isEmpty()) {
            throw new ConfigException(String.join("\n", envProblems));
        }
        Object tree;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            // readTree gives a missing node for a file of only comments, which is a valid (empty) config
            tree = substituted.resolve(yaml.convertValue(yaml.readTree(substituted.text()), Object.class));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + " column " + loc.getColumnNr() + ": ";
            throw new ConfigException(name + ": " + where + "not valid YAML: " + e.getOriginalMessage());
        }
        if (tree != null && !(tree instanceof Map)) {
            throw new ConfigException(name + ": expected sections such as 'agent:', 'collectors:' and 'outputs:' at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = tree == null ? Map.of() : (Map<String, Object>) tree;
        return map;
    }
}
