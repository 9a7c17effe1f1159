package dev.cheeseshop.model;

/**
 * A journal serial: the position of an entry in the journal. Serials grow by one for every entry
 * and become visible in commit order, so a reader that has seen serial {@code n} has seen every
 * entry before it. Zero means "before the first entry".
 */
public record Serial(long value) implements Comparable<Serial> {
    public static final Serial NONE = new Serial(0);

    public Serial {
        if (value < 0) {
            throw new IllegalArgumentException("a serial is never negative: " + value);
        }
    }

    public static Serial of(long value) {
        return value == 0 ? NONE : new Serial(value);
    }

    @Override
    public int compareTo(Serial other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
