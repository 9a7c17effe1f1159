package dev.cheeseshop.index;

import java.util.Comparator;

/**
 * Natural order as Python's {@code natsort} gives it by default, the order the trove classifiers
 * are listed in ({@code trove_classifiers.all_classifiers}) and so the order pypi.org shows a
 * release's classifiers in: runs of digits compare as numbers, everything else by code point,
 * case-sensitively ({@code "Python :: 3.9"} before {@code "Python :: 3.10"}, {@code "Zope"}
 * before {@code "aiohttp"}).
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        // a text run (possibly empty), then a digit run (possibly empty), alternately
        for (boolean digits = false; ; digits = !digits) {
            int endA = run(a, i, digits);
            int endB = run(b, j, digits);
            String x = a.substring(i, endA);
            String y = b.substring(j, endB);
            int c = digits ? compareNumbers(x, y) : PyJson.KEY_ORDER.compare(x, y);
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
            if (i == a.length() || j == b.length()) {
                return Boolean.compare(i < a.length(), j < b.length());
            }
        }
    }

    private static int run(String s, int from, boolean digits) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.codePointAt(k)) == digits) {
            k += Character.charCount(s.codePointAt(k));
        }
        return k;
    }

    private static int compareNumbers(String a, String b) {
        String x = significant(a);
        String y = significant(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        for (int k = 0; k < x.length(); k++) {
            int c = Integer.compare(Character.digit(x.charAt(k), 10), Character.digit(y.charAt(k), 10));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The digits without leading zeros, as decimal digit values in UTF-16 (non-BMP digits are rare enough to ignore). */
    private static String significant(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && Character.digit(digits.charAt(k), 10) == 0) {
            k++;
        }
        return digits.substring(k);
    }
}
