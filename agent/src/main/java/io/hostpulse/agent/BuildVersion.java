package io.hostpulse.agent;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code hostpulse --version}: the version and the git commit the jar was built from. The build writes both into
 * {@value #RESOURCE} (git-commit-id-maven-plugin, see agent/pom.xml); a build outside a git checkout (a source
 * tarball, a docker build without .git) has no commit, and says so instead of failing.
 */
public final class BuildVersion implements CommandLine.IVersionProvider {
    static final String RESOURCE = "/io/hostpulse/agent/git.properties";

    private final Properties props;

    public BuildVersion() {
        this(load());
    }

    BuildVersion(Properties props) {
        this.props = props;
    }

    /** The project version: from the build's properties, else the jar manifest, else "dev". */
    public String version() {
        String v = props.getProperty("git.build.version");
        if (blank(v)) {
            v = BuildVersion.class.getPackage().getImplementationVersion();
        }
        return blank(v) ? "dev" : v;
    }

    /** "commit 1a2b3c4d5e6f" (with ", modified" when the tree had uncommitted changes), or "commit unknown". */
    public String commit() {
        String id = props.getProperty("git.commit.id.abbrev");
        if (blank(id)) {
            return "commit unknown (built outside git)";
        }
        return "commit " + id + ("true".equals(props.getProperty("git.dirty")) ? ", modified" : "");
    }

    @Override
    public String[] getVersion() {
        String time = props.getProperty("git.commit.time");
        return new String[]{"hostpulse " + version() + " (" + commit() + (blank(time) ? "" : ", " + time) + ")",
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
        return s == null || s.isBlank() || s.startsWith("${");
    }
}
