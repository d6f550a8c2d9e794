package io.topicbus.filter;

/**
 * A filter that breaks a rule of the filter language (SPEC 2.1). The broker answers it with 400.
 *
 * <p>The message always reads {@code "filter: <problem> at <position>"}, where the position is the
 * 0-based code-point offset in the filter text at which the problem was found (the text's length
 * when the problem is its end). Only this package creates them, so every message has that form.
 */
public final class FilterException extends RuntimeException {

  private final int position;

  FilterException(String problem, int position) {
    super("filter: " + problem + " at " + position);
    this.position = position;
  }

  /** The 0-based code-point position in the filter text where the problem was found. */
  public int position() {
    return position;
  }
}
