package io.hostpulse.core;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that goes to logs, errors, health fields and events. Two layers:
 * <ol>
 *   <li>every configured secret value, registered by config reading ({@link #registerSecret}, called by
 *   {@code ConfigNode.secret}) with its base64 (standard and URL-safe, with and without padding), URL-encoded and
 *   JSON-escaped forms, and the base64 of {@code user:password} pairs ({@link #registerBasicAuth}): whatever a
 *   server echoes back, the value is replaced by {@value #MASK}. A URL secret (a webhook) is shown as
 *   {@code scheme://host/****}: its path and query are the secret;</li>
 *   <li>patterns for secrets that were never configured: tokens in URLs (Uptime Kuma push tokens), passwords in
 *   URLs, Authorization headers, and token or password query parameters.</li>
 * </ol>
 * The registry is process-wide (a secret configured once stays secret for the life of the process). Values shorter
 * than {@value #MIN_LENGTH} characters are not registered (they would mask ordinary words in every log line), nor
 * a URL's path on its own below {@value #MIN_URL_PATH} (the whole URL is); the patterns still apply to them.
 */
public final class Redactor {
    public static final String MASK = "****";
    public static final int MIN_LENGTH = 4;
    /** A URL's path and query are masked on their own (without scheme and host) from this length. */
    public static final int MIN_URL_PATH = 8;
    /** form -> replacement, longest form first (so a URL is replaced before its own path). */
    private static volatile List<Map.Entry<String, String>> forms = List.of();
    /** user:password@ after the scheme; the password may contain '@' (up to the last one before the path). */
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/?#@\\s:]+:[^/?#\\s]*@");
    /** Kuma push tokens are letters and digits: a closing bracket or quote after one is text, kept. */
    private static final Pattern PUSH = Pattern.compile("(/api/push/)[^/?#\\s)\\]\"',]+");
    private static final Pattern QUERY = Pattern.compile(
            "(?i)([?&;](?:token|password|pass|passwd|p|u|apikey|api_key|api-key|access_token|secret|auth)=)[^&;#\\s\"']+");
    /**
     * Authorization and X-Api-Key headers as an HTTP client prints them ({@code Authorization: Bearer x}), as
     * JSON ({@code "Authorization": "Token x"}) or as a Java map ({@code authorization=[Basic x]}); the scheme
     * word is kept, the credential is not.
     */
    private static final Pattern HEADER = Pattern.compile("(?i)((?:authorization|x-api-key)[\"']?\\s*[:=]\\s*[\"'\\[]?\\s*"
            + "(?:(?:bearer|token|basic)\\s+)?)[^\\s\"',\\]]+");

    private Redactor() {
    }

    /**
     * Registers a configured secret: from now on {@link #redact} replaces it and its encoded forms everywhere. A value
     * that is an http(s) URL is treated as a webhook URL: its path and query are the secret, scheme and host stay.
     */
    public static void registerSecret(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return;
        }
        Map<String, String> add = new LinkedHashMap<>();
        String v = value.strip();
        URI uri = webUri(v);
        if (uri != null) {
            String rest = v.substring(v.indexOf("://") + 3);
            int slash = indexOfAny(rest, "/?#");
            if (slash < 0 || rest.substring(slash).replaceAll("^/", "").isEmpty()) {
                return; // a bare server address (Kuma's url) holds no secret
            }
            String hostPart = v.substring(0, v.indexOf("://") + 3 + slash);
            String secretPart = rest.substring(slash).replaceFirst("^/", "");
            add.put(v, hostPart + "/" + MASK);
            encodedForms(v, add);
            // the path alone (as a server's "404 /path" shows it) only when long enough not to be an ordinary word
            if (secretPart.length() >= MIN_URL_PATH) {
                add.put(secretPart, MASK);
                encodedForms(secretPart, add);
            }
        } else {
            add.put(value, MASK);
            add.put(v, MASK);
            encodedForms(v, add);
        }
        merge(add);
    }

    /** Registers the base64 of {@code user:password} as HTTP basic auth sends it (and the password itself). */
    public static void registerBasicAuth(String user, String password) {
        if (password == null || password.isEmpty()) {
            return;
        }
        registerSecret(password);
        Map<String, String> add = new LinkedHashMap<>();
        String pair = (user == null ? "" : user) + ":" + password;
        add.put(pair, user + ":" + MASK);
        base64Forms(pair, add);
        merge(add);
    }

    private static URI webUri(String v) {
        String l = v.toLowerCase(java.util.Locale.ROOT);
        if (!l.startsWith("http://") && !l.startsWith("https://")) {
            return null;
        }
        try {
            URI u = new URI(v);
            return u.getHost() == null ? null : u;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static void encodedForms(String v, Map<String, String> add) {
        base64Forms(v, add);
        String form = URLEncoder.encode(v, StandardCharsets.UTF_8);
        add.putIfAbsent(form, MASK);
        add.putIfAbsent(form.replace("+", "%20"), MASK);
        add.putIfAbsent(form.replace("%2F", "/").replace("%3A", ":"), MASK); // a path escaped per segment
        String json = v.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
        add.putIfAbsent(json, MASK);
        add.putIfAbsent(v.replace("\\", "\\\\").replace("\"", "\\\""), MASK);
    }

    private static void base64Forms(String v, Map<String, String> add) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        for (String f : List.of(Base64.getEncoder().encodeToString(b), Base64.getUrlEncoder().encodeToString(b))) {
            add.putIfAbsent(f, MASK);
            add.putIfAbsent(f.replaceAll("=+$", ""), MASK);
        }
    }

    /**
     * Forgets every registered secret. For tests only: the registry is process-wide, and a test that registers
     * arbitrary values (a fuzz test registering "2024") would otherwise mask other tests' ordinary text.
     */
    public static synchronized void forgetAllForTests() {
        forms = List.of();
    }

    private static synchronized void merge(Map<String, String> add) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : forms) {
            all.put(e.getKey(), e.getValue());
        }
        add.forEach((k, r) -> {
            if (k.length() >= MIN_LENGTH) {
                all.putIfAbsent(k, r);
            }
        });
        List<Map.Entry<String, String>> l = new ArrayList<>();
        all.forEach((k, r) -> l.add(Map.entry(k, r)));
        l.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        forms = List.copyOf(l);
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (Map.Entry<String, String> f : forms) {
            if (s.contains(f.getKey())) {
                s = s.replace(f.getKey(), f.getValue());
            }
        }
        s = USERINFO.matcher(s).replaceAll("******@");
        s = PUSH.matcher(s).replaceAll("$1******");
        s = QUERY.matcher(s).replaceAll("$1******");
        return HEADER.matcher(s).replaceAll("$1******");
    }
}
