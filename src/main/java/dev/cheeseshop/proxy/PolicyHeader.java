package dev.cheeseshop.proxy;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code X-Cheeseshop-Policy} debug header: one ASCII line saying what the policy did to an
 * answer, e.g. {@code denied: deny evilpkg} or {@code 3 files hidden: deny 1 (requests<2.20),
 * min-age 2 (age 2h < 3d)}. Empty when nothing was hidden.
 */
final class PolicyHeader {
    private static final int MAX = 400;

    private PolicyHeader() {}

    static String denied(ProxyPolicy.Decision decision) {
        return bounded("denied: " + decision.rule() + (decision.detail().isEmpty() ? "" : " " + decision.detail()));
    }

    /** Counts hidden files by rule, keeping the first detail of each. */
    static final class Hidden {
        private final Map<String, Integer> counts = new TreeMap<>();
        private final Map<String, String> details = new TreeMap<>();
        private int total;

        void add(ProxyPolicy.Decision decision) {
            total++;
            counts.merge(decision.rule(), 1, Integer::sum);
            details.putIfAbsent(decision.rule(), decision.detail());
        }

        int total() {
            return total;
        }

        String header() {
            if (total == 0) {
                return "";
            }
            StringBuilder out = new StringBuilder().append(total).append(total == 1 ? " file" : " files").append(" hidden:");
            String separator = " ";
            for (Map.Entry<String, Integer> rule : counts.entrySet()) {
                out.append(separator).append(rule.getKey()).append(' ').append(rule.getValue());
                String detail = details.get(rule.getKey());
                if (!detail.isEmpty()) {
                    out.append(" (").append(detail).append(')');
                }
                separator = ", ";
            }
            return bounded(out.toString());
        }
    }

    private static String bounded(String line) {
        StringBuilder out = new StringBuilder(Math.min(line.length(), MAX));
        for (int i = 0; i < line.length() && out.length() < MAX; i++) {
            char c = line.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
