package io.hostpulse.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostpulse.core.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one step from a config file to a tree: read the text, substitute {@code ${VAR}}, parse the YAML. Kept apart
 * from {@link ConfigLoader} (which only walks the tree) so that how a file is read can change in one place.
 *
 * <p>What it refuses, each with a message naming the file and the reason: anything that is not a regular file (a
 * FIFO would block the read forever, {@code /dev/zero} never ends), more than {@link #MAX_BYTES} (a config is a few
 * KiB; at most {@code MAX_BYTES + 1} bytes are ever read, so a huge file cannot exhaust memory), text that is not
 * UTF-8 (with the line and byte offset of the first bad byte), and a key written twice in one mapping (YAML parsers
 * keep the last one silently, so a second {@code agent:} section would replace the first; every duplicate is listed
 * with both lines). Every step is linear in the file's size.
 */
final class ConfigFile {
    /** The largest config accepted: 1 MiB. */
    static final int MAX_BYTES = 1 << 20;

    private ConfigFile() {
    }

    /** The text of {@code path}, or null when it does not exist. */
    static String read(Path path) throws ConfigException {
        if (Files.isDirectory(path)) {
            throw new ConfigException(path + ": cannot read: is a directory (give the config file itself)");
        }
        if (!Files.exists(path)) {
            return null;
        }
        // checked before opening: opening a FIFO blocks until a writer comes, a device may never end
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(path + ": cannot read: not a regular file (a FIFO, device or socket); "
                    + "give a config file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read: " + reason(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(path + ": cannot read: larger than 1 MiB (" + MAX_BYTES
                    + " bytes); a config file is a few KiB, is this the right file?");
        }
        return decode(path.toString(), bytes);
    }

    /** The operating system's reason, in words ("permission denied"), not the exception's bare file name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The bytes as UTF-8 text, or an error naming line, column and byte offset of the first byte that is not. */
    static String decode(String name, byte[] bytes) throws ConfigException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            boolean binary = false;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                binary |= bytes[i] == 0;
            }
            throw new ConfigException(name + ": line " + line + " column " + (offset - lineStart + 1) + " (byte offset "
                    + offset + "): not UTF-8 (byte 0x" + String.format("%02X", bytes[offset] & 0xff) + ")"
                    + (binary ? "; this looks like a binary file, not a YAML config"
                    : "; save the file as UTF-8 (it may be Latin-1 or another legacy encoding)"));
        }
        out.flip();
        return out.toString();
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
        List<String> duplicates = duplicateKeys(name, substituted.text());
        if (!duplicates.isEmpty()) {
            throw new ConfigException(String.join("\n", duplicates));
        }
        if (tree != null && !(tree instanceof Map)) {
            throw new ConfigException(name + ": expected sections such as 'agent:', 'collectors:' and 'outputs:' at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = tree == null ? Map.of() : (Map<String, Object>) tree;
        return map;
    }

    /**
     * Every key that appears twice in one mapping, each as "line N: duplicate key a.b (first at line M)". Walks
     * SnakeYAML's node tree, which keeps every key and its position, where a parsed map keeps only the last.
     * The text is the one after substitution, which has the same lines (placeholders never hold a newline).
     */
    static List<String> duplicateKeys(String name, String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(MAX_BYTES * 2);
        Node root;
        try {
            root = new Yaml(opts).compose(new StringReader(text));
        } catch (YAMLException e) {
            return List.of(); // Jackson parsed it; anything SnakeYAML's composer alone refuses is not ours to report
        }
        List<String> out = new ArrayList<>();
        walk(name, root, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void walk(String name, Node node, String path, List<String> out, Set<Node> seen) {
        if (node == null || !seen.add(node)) {
            return; // an alias to a node already walked (or a recursive one)
        }
        if (node instanceof MappingNode m) {
            Map<String, Integer> firstLine = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                String keyPath = key == null ? path : path.isEmpty() ? key : path + "." + key;
                if (key != null) {
                    int line = t.getKeyNode().getStartMark().getLine() + 1;
                    Integer first = firstLine.putIfAbsent(key, line);
                    if (first != null && !"<<".equals(key)) {
                        out.add(name + ": line " + line + ": duplicate key " + keyPath + " (first at line " + first
                                + "); YAML keeps only the last one, so merge the two into one");
                    }
                }
                walk(name, t.getValueNode(), keyPath, out, seen);
            }
        } else if (node instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                walk(name, items.get(i), path + "[" + i + "]", out, seen);
            }
        }
    }
}
