package io.hostpulse.collectors.docker.netmap.socket;

/**
 * One line of {@code /proc/net/nf_conntrack}: a connection the kernel tracks, in its original direction (as the
 * first packet went) and its reply direction (as answers come back, after NAT).
 *
 * @param family       "ipv4" or "ipv6"
 * @param proto        the kernel's protocol name: tcp, udp, icmp, icmpv6, sctp, udplite, unknown, ...
 * @param state        the protocol's state (TCP: ESTABLISHED, TIME_WAIT, ...; also SCTP and DCCP); null for
 *                     stateless protocols
 * @param src          original direction, canonical ({@link IpText})
 * @param dst          original direction
 * @param sport        original direction; 0 for protocols without ports (icmp)
 * @param dport        original direction; 0 for protocols without ports
 * @param replySrc     reply direction
 * @param replyDst     reply direction
 * @param replySport   reply direction
 * @param replyDport   reply direction
 * @param origPackets  null when accounting is off (no {@code packets=} field)
 * @param origBytes    null when accounting is off (no {@code bytes=} field)
 * @param replyPackets null when accounting is off
 * @param replyBytes   null when accounting is off
 */
public record ConntrackEntry(String family, String proto, String state, String src, String dst, int sport, int dport,
                             String replySrc, String replyDst, int replySport, int replyDport, Long origPackets,
                             Long origBytes, Long replyPackets, Long replyBytes) {

    /** Bytes both ways; null when not counted. */
    public Long bytes() {
        return origBytes == null || replyBytes == null ? null : origBytes + replyBytes;
    }
}
