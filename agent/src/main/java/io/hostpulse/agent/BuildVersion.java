package io.hostpulse.agent;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code hostpulse --version}: the version and the git commit the jar was built from. The build writes both into
 * {@value #RESOURCE} (git rev-parse HEAD, see agent/pom.xml); a build outside a git
 * checkout (a source tarball, a docker build without .git) has the commit "unknown", and says so.
 */
public final class BuildVersion implements CommandLine.IVersionProvider {
    static final String RESOURCE = "/io/hostpulse/agent/build.properties";

    private final Properties props;

    public BuildVersion() {
        this(load());
    }

    BuildVersion(Properties props) {
        this.props = props;
    }

    /** The project version: from the build's properties, else the jar manifest, else "dev". */
    public String version() {
        String v = props.getProperty("version");
        if (blank(v)) {
            v = BuildVersion.class.getPackage().getImplementationVersion();
        }
        return blank(v) ? "dev" : v;
    }

    /** "commit 1a2b3c4d5e6f", or "commit unknown (built outside git)". */
    public String commit() {
        String id = props.getProperty("commit");
        if (blank(id) || "unknown".equals(id)) {
            return "commit unknown (built outside git)";
        }
        return "commit " + id;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"hostpulse " + version() + " (" + commit() + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is the same as none: the version line says the commit is unknown
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank() || s.startsWith("${");  // an unexpanded Ant/Maven property is no value
    }
}
