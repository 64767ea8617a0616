package io.hostpulse.collectors.host;

import io.hostpulse.core.HostPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.driver.linux.proc.AuxvJNA;
import oshi.util.GlobalConfig;
import oshi.util.driver.linux.proc.Auxv;
import oshi.util.linux.ProcPath;
import oshi.util.linux.SysPath;

import java.nio.file.Files;

/**
 * Points OSHI at the host's /proc and /sys ({@code oshi.util.proc.path}, {@code oshi.util.sys.path}, the same keys as
 * OSHI's oshi.properties) so that everything OSHI reads (page size here, sensors later) describes the host.
 *
 * <p>OSHI reads these keys once per JVM, when its ProcPath and SysPath classes load. The first configuration therefore
 * wins; a later one with other paths is logged and ignored for OSHI (our own parsers always use HostPaths).
 */
final class OshiSetup {
    private static final Logger LOG = LoggerFactory.getLogger(OshiSetup.class);
    private static String configuredProc;
    private static String configuredSys;

    private OshiSetup() {
    }

    static synchronized void configure(HostPaths paths) {
        String proc = paths.proc().toAbsolutePath().toString();
        String sys = paths.sys().toAbsolutePath().toString();
        if (!Files.isDirectory(paths.proc()) || !Files.isDirectory(paths.sys())) {
            // OSHI fails for good (in its static initialiser) when the configured path does not exist
            LOG.debug("not configuring OSHI: {} or {} is not a directory", proc, sys);
            return;
        }
        if (configuredProc == null) {
            GlobalConfig.set(GlobalConfig.OSHI_UTIL_PROC_PATH, proc);
            GlobalConfig.set(GlobalConfig.OSHI_UTIL_SYS_PATH, sys);
            configuredProc = proc;
            configuredSys = sys;
            try {
                if (!ProcPath.PROC.equals(proc) || !SysPath.SYS.equals(sys + "/")) {
                    LOG.warn("OSHI was already initialised with proc {} and sys {}; OSHI readings ignore {} and {}",
                            ProcPath.PROC, SysPath.SYS, proc, sys);
                }
            } catch (LinkageError e) {
                LOG.warn("OSHI path setup failed: {}", e.toString());
            }
        } else if (!configuredProc.equals(proc) || !configuredSys.equals(sys)) {
            LOG.warn("OSHI keeps proc {} and sys {} (set once per JVM); ignoring {} and {} for OSHI readings",
                    configuredProc, configuredSys, proc, sys);
        }
    }

    /** Page size of this machine from the ELF auxiliary vector (OSHI's reader); 4096 when it cannot be read. */
    static long pageSize() {
        try {
            Long v = AuxvJNA.queryAuxv().get(Auxv.AT_PAGESZ);
            return v != null && v > 0 ? v : 4096L;
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("page size unknown ({}), assuming 4096", e.toString());
            return 4096L;
        }
    }
}
