package io.hostpulse.collectors.host.disk;

/**
 * One statvfs result in bytes, as gopsutil's disk.Usage computes it for Telegraf: total = f_blocks * f_frsize,
 * free = f_bavail * f_frsize (what an unprivileged user may still write), used = (f_blocks - f_bfree) * f_frsize.
 * Inode counts are null when the source cannot give them (java.nio fallback).
 */
public record FsStats(long total, long free, long used, Long inodesTotal, Long inodesFree) {
}
