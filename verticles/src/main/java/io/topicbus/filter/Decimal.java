package io.topicbus.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Exact decimal arithmetic for filters: {@code 0.1 + 0.2} is exactly 0.3 and {@code 123 / 2} is 61.5.
 *
 * <p>A result stays exact while it needs at most {@link #EXACT_DIGITS} significant digits. Beyond
 * that it is rounded half-even to 34 digits ({@link MathContext#DECIMAL128}), as is every division
 * that does not terminate. The bound exists because short literals can ask for gigantic exact
 * results: {@code 1e-999999999 + 1} is a number of a billion digits. Exponents are still
 * unbounded within BigDecimal's int scale; an operation whose exponent overflows it, and a division
 * by zero, yield {@code null}, which the caller treats as UNKNOWN. Nothing here throws.
 */
final class Decimal {

  /** Significant digits an exact result may have before it is rounded to DECIMAL128. */
  static final int EXACT_DIGITS = 1000;

  private static final BigInteger FIVE = BigInteger.valueOf(5);

  /** The four arithmetic operators, each applying the rules above. */
  enum Operator {
    ADD,
    SUBTRACT,
    MULTIPLY,
    DIVIDE;

    /** The result, or null (UNKNOWN) on division by zero or exponent overflow. */
    BigDecimal apply(BigDecimal a, BigDecimal b) {
      try {
        return switch (this) {
          case ADD -> add(a, b);
          case SUBTRACT -> add(a, b.negate());
          case MULTIPLY -> multiply(a, b);
          case DIVIDE -> divide(a, b);
        };
      } catch (ArithmeticException exponentOverflow) {
        return null;
      }
    }
  }

  private Decimal() {}

  private static BigDecimal add(BigDecimal a, BigDecimal b) {
    // A zero may carry any scale (0e-999999999); adding it must not widen the other operand.
    if (a.signum() == 0) {
      return b;
    }
    if (b.signum() == 0) {
      return a;
    }
    // The exact sum spans from the lowest digit of either operand to one above the highest.
    long highest = Math.max(exponentAbove(a), exponentAbove(b)) + 1;
    long lowest = Math.min(-(long) a.scale(), -(long) b.scale());
    return highest - lowest <= EXACT_DIGITS ? a.add(b) : a.add(b, MathContext.DECIMAL128);
  }

  private static BigDecimal multiply(BigDecimal a, BigDecimal b) {
    if (a.signum() == 0 || b.signum() == 0) {
      return BigDecimal.ZERO; // whatever the scales: their sum could overflow for no reason
    }
    return (long) a.precision() + b.precision() <= EXACT_DIGITS
        ? a.multiply(b)
        : a.multiply(b, MathContext.DECIMAL128);
  }

  private static BigDecimal divide(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      return null;
    }
    if (a.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = a.divide(b, MathContext.DECIMAL128);
    if (rounded.precision() < MathContext.DECIMAL128.getPrecision()) {
      return rounded; // shorter than the context allows, so nothing was rounded off
    }
    return terminatesWithinExactDigits(a, b) ? a.divide(b) : rounded;
  }

  /** The power of ten just above the leading digit: {@code |x| < 10^exponentAbove(x)}. */
  private static long exponentAbove(BigDecimal x) {
    return (long) x.precision() - x.scale();
  }

  /**
   * Whether {@code a / b} has a finite decimal expansion of at most {@link #EXACT_DIGITS} digits:
   * in lowest terms its denominator must have no prime factors but 2 and 5, and each of those
   * factors adds at most one digit to the numerator's.
   */
  private static boolean terminatesWithinExactDigits(BigDecimal a, BigDecimal b) {
    BigInteger numerator = a.unscaledValue().abs();
    BigInteger denominator = b.unscaledValue().abs();
    BigInteger common = numerator.gcd(denominator);
    numerator = numerator.divide(common);
    denominator = denominator.divide(common);
    int twos = denominator.getLowestSetBit();
    denominator = denominator.shiftRight(twos);
    int fives = 0;
    while (fives <= EXACT_DIGITS) {
      BigInteger[] quotientAndRemainder = denominator.divideAndRemainder(FIVE);
      if (quotientAndRemainder[1].signum() != 0) {
        break;
      }
      denominator = quotientAndRemainder[0];
      fives++;
    }
    return denominator.equals(BigInteger.ONE)
        && (long) new BigDecimal(numerator).precision() + Math.max(twos, fives) <= EXACT_DIGITS;
  }
}
