package io.topicbus.inventory;

/** The stock jobs a batch may hold (SPEC section 4), each served at its own pool address. */
enum Op {
  ADD("add"),
  REMOVE("remove"),
  CHECK("check");

  /** The name on the wire: a batch job's {@code op} and an event's {@code op}. */
  final String wire;

  Op(String wire) {
    this.wire = wire;
  }

  /** The pool address that serves this job (SPEC section 4), e.g. {@code inventory.add}. */
  String address() {
    return "inventory." + wire;
  }

  /** The op a batch job names, or null when {@code value} is not one of them. */
  static Op parse(Object value) {
    for (Op op : values()) {
      if (op.wire.equals(value)) {
        return op;
      }
    }
    return null;
  }
}
