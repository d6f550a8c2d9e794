package io.topicbus.config;

/** {@code storage.*}: where and how topic logs are kept. -1 means unlimited for the retention keys. */
public record StorageConfig(Mode mode, String dir, long segmentBytes, long retentionMs, long retentionBytes,
                            Fsync fsync, int fsyncIntervalMs, long dedupWindowMs, Compression compression) {

  public enum Mode { FILE, MEMORY }

  public enum Fsync { ALWAYS, INTERVAL, NEVER }

  public enum Compression { NONE, GZIP }
}
