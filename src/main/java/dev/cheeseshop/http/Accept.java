package dev.cheeseshop.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code Accept} header and WebOb's way of choosing among offers (what pypi.org runs): each
 * offer gets the quality of the most specific media range that matches it; offers with quality 0
 * are refused; the rest are ranked by quality, ties broken by the order of the offers.
 */
final class Accept {
    private record Range(String type, String subtype, List<String> params, double q) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2 + params.size();
        }

        boolean matches(String offerType, String offerSubtype, List<String> offerParams) {
            return (type.equals("*") || type.equals(offerType))
                    && (subtype.equals("*") || subtype.equals(offerSubtype))
                    && offerParams.containsAll(params);
        }
    }

    private final List<Range> ranges;

    private Accept(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses the header; a missing or unparseable one accepts anything. */
    static Accept parse(Optional<String> header) {
        List<Range> ranges = new ArrayList<>();
        if (header.isPresent()) {
            for (String item : header.get().split(",")) {
                parseRange(item).ifPresent(ranges::add);
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(new Range("*", "*", List.of(), 1.0));
        }
        return new Accept(ranges);
    }

    private static Optional<Range> parseRange(String item) {
        String[] parts = item.split(";");
        String[] media = parts[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (media.length != 2 || media[0].isEmpty() || media[1].isEmpty()
                || (media[0].equals("*") && !media[1].equals("*"))) {
            return Optional.empty();
        }
        double q = 1.0;
        List<String> params = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT);
            if (param.startsWith("q=")) {
                try {
                    q = Double.parseDouble(param.substring(2));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (q < 0 || q > 1) {
                    return Optional.empty();
                }
                break; // accept-extension parameters after q are not media-type parameters
            } else if (!param.isEmpty()) {
                params.add(param.replace(" ", ""));
            }
        }
        return Optional.of(new Range(media[0], media[1], params, q));
    }

    /** The acceptable offers, best first. */
    List<String> acceptable(List<String> offers) {
        record Scored(String offer, double q, int order) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            String offer = offers.get(i);
            String[] media = offer.toLowerCase(Locale.ROOT).split("/", 2);
            Range best = null;
            for (Range range : ranges) {
                if (range.matches(media[0], media[1], List.of())
                        && (best == null || range.specificity() > best.specificity())) {
                    best = range;
                }
            }
            if (best != null && best.q > 0) {
                scored.add(new Scored(offer, best.q, i));
            }
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.q).thenComparingInt(Scored::order));
        return scored.stream().map(Scored::offer).toList();
    }

    /** The best offer, or {@code fallback} when none is acceptable. */
    String choose(List<String> offers, String fallback) {
        List<String> acceptable = acceptable(offers);
        return acceptable.isEmpty() ? fallback : acceptable.get(0);
    }
}
