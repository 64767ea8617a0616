package io.hostpulse.core;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that goes to logs, errors and events: tokens in URLs (Uptime Kuma push tokens),
 * passwords in URLs, Authorization headers, and token or password query parameters.
 */
public final class Redactor {
    /** user:password@ after the scheme; the password may contain '@' (up to the last one before the path). */
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/?#@\\s:]+:[^/?#\\s]*@");
    private static final Pattern PUSH = Pattern.compile("(/api/push/)[^/?#\\s]+");
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

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = USERINFO.matcher(text).replaceAll("******@");
        s = PUSH.matcher(s).replaceAll("$1******");
        s = QUERY.matcher(s).replaceAll("$1******");
        return HEADER.matcher(s).replaceAll("$1******");
    }
}
