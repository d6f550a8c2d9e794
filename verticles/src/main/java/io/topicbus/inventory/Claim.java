package io.topicbus.inventory;

/**
 * The right to apply one change, taken at the moment the change would be applied (under its sku's
 * lock). A change whose claim cannot be taken is refused and changes nothing; {@link Tickets} uses
 * this to make sure a batch job reported as timed out is never applied.
 */
@FunctionalInterface
interface Claim {

  /** Requests from outside a batch: always allowed. */
  Claim NONE = () -> true;

  /** True when the change may be applied now; false refuses it, for good. */
  boolean take();
}
