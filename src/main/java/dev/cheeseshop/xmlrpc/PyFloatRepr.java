package dev.cheeseshop.xmlrpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (the
 * closest such one when several have that length), in fixed notation when the decimal exponent
 * is in [-4, 16) and otherwise as {@code d.ddde+XX}. Java 17's {@code Double.toString} is not
 * always shortest and formats differently, so this is done here with {@link BigDecimal}.
 */
final class PyFloatRepr {
    private PyFloatRepr() {
    }

    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.<digits> * 10^decpt
        String body = decpt > -4 && decpt <= 16 ? fixed(digits, decpt) : scientific(digits, decpt);
        return d < 0 ? "-" + body : body;
    }

    private static BigDecimal shortest(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            BigDecimal best = null;
            // Near a power of two the round-trip interval is lopsided: a neighbour may qualify.
            for (BigDecimal c : new BigDecimal[] {nearest, nearest.subtract(nearest.ulp()),
                    nearest.add(nearest.ulp())}) {
                if (c.signum() > 0 && c.doubleValue() == abs && (best == null
                        || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static String fixed(String digits, int decpt) {
        if (decpt <= 0) {
            return "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return digits.substring(0, decpt) + "." + digits.substring(decpt);
    }

    private static String scientific(String digits, int decpt) {
        int exponent = decpt - 1;
        String mantissa = digits.length() == 1 ? digits
                : digits.charAt(0) + "." + digits.substring(1);
        String exp = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
    }
}
