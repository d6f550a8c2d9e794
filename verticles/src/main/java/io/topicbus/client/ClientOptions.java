package io.topicbus.client;

/**
 * How a {@link TopicBusClient} talks to the broker. Batching ({@code batchSize} > 1) collects
 * publishes for up to {@code lingerMs} and sends them as one {@code publishBatch}, as Kafka
 * producers do; the breaker makes requests fail fast with 503 while the broker is unreachable.
 */
public final class ClientOptions {

  private String prefix = "topicbus";
  private long requestTimeoutMs = 30_000;
  private int batchSize = 1;
  private long lingerMs = 0;
  private int breakerFailures = 5;
  private long breakerResetMs = 2_000;
  private int maxPendingRequests = 10_000;

  public String getPrefix() {
    return prefix;
  }

  public ClientOptions setPrefix(String prefix) {
    this.prefix = prefix;
    return this;
  }

  public long getRequestTimeoutMs() {
    return requestTimeoutMs;
  }

  public ClientOptions setRequestTimeoutMs(long requestTimeoutMs) {
    this.requestTimeoutMs = requestTimeoutMs;
    return this;
  }

  public int getBatchSize() {
    return batchSize;
  }

  /** Publishes per {@code publishBatch} request, 1..1000; 1 (the default) sends each publish at once. */
  public ClientOptions setBatchSize(int batchSize) {
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("batchSize must be 1..1000");
    }
    this.batchSize = batchSize;
    return this;
  }

  public long getLingerMs() {
    return lingerMs;
  }

  /** How long a batch waits for more publishes before it is sent anyway (0: until the current task ends). */
  public ClientOptions setLingerMs(long lingerMs) {
    if (lingerMs < 0) {
      throw new IllegalArgumentException("lingerMs must be >= 0");
    }
    this.lingerMs = lingerMs;
    return this;
  }

  public int getBreakerFailures() {
    return breakerFailures;
  }

  /** Requests in a row that find the broker unreachable before the client fails fast. */
  public ClientOptions setBreakerFailures(int breakerFailures) {
    this.breakerFailures = breakerFailures;
    return this;
  }

  public long getBreakerResetMs() {
    return breakerResetMs;
  }

  /** How long the client fails fast before it lets one request try the broker again. */
  public ClientOptions setBreakerResetMs(long breakerResetMs) {
    this.breakerResetMs = breakerResetMs;
    return this;
  }

  public int getMaxPendingRequests() {
    return maxPendingRequests;
  }

  /** Requests (and batched publishes) waiting for an answer, past which new ones fail at once with 429. */
  public ClientOptions setMaxPendingRequests(int maxPendingRequests) {
    this.maxPendingRequests = maxPendingRequests;
    return this;
  }
}
