package io.topicbus.client;

/**
 * How a {@link TopicBusClient} talks to the broker. Publishes go out at once while fewer than
 * {@code maxInFlightPublishes} are outstanding and otherwise accumulate into {@code publishBatch}
 * requests of up to {@code batchSize} (with {@code lingerMs > 0} they always wait that long for
 * company), as Kafka producers do; the breaker makes requests fail fast with 503 while the broker is
 * unreachable.
 */
public final class ClientOptions {

  private String prefix = "topicbus";
  /** SPEC section 9: with the broker unreachable, requests fail with 503 within 5 s. */
  private long requestTimeoutMs = 4_500;
  private int batchSize = 100;
  private int maxInFlightPublishes = 8;
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

  /** Publishes per {@code publishBatch} request, 1..1000 (default 100); 1 never batches. */
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

  /** With {@code lingerMs > 0}, publishes wait up to that long to fill a batch; 0 (default) never waits. */
  public ClientOptions setLingerMs(long lingerMs) {
    if (lingerMs < 0) {
      throw new IllegalArgumentException("lingerMs must be >= 0");
    }
    this.lingerMs = lingerMs;
    return this;
  }

  public int getMaxInFlightPublishes() {
    return maxInFlightPublishes;
  }

  /** Publish requests outstanding at once (default 4) before further publishes accumulate into a batch. */
  public ClientOptions setMaxInFlightPublishes(int maxInFlightPublishes) {
    if (maxInFlightPublishes < 1) {
      throw new IllegalArgumentException("maxInFlightPublishes must be >= 1");
    }
    this.maxInFlightPublishes = maxInFlightPublishes;
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
