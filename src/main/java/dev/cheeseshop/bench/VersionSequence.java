package dev.cheeseshop.bench;

import java.util.SplittableRandom;

/**
 * One project's release versions, strictly increasing under PEP 440 (so canonical forms never
 * repeat), in the shapes PyPI sees: {@code 1.2.3}, {@code 0.4}, {@code 2024.3},
 * {@code 1.2.3.4}, pre-releases before a minor or major bump ({@code 0.2.0rc1}, {@code 1.0a2},
 * {@code 3.0.0b1}, {@code 1.1.dev3}) and post-releases ({@code 1.2.3.post1},
 * {@code 2024.1.post1}).
 */
final class VersionSequence {
    private static final int SEMVER = 0;
    private static final int TWO_PART = 1;
    private static final int CALVER = 2;
    private static final int FOUR_PART = 3;
    private static final String[] PRE = {".dev", "a", "b", "rc"};

    private final byte style;
    private int major;
    private int minor;
    private int patch;
    private int build;
    private int post;
    /** -1 when not in a pre-release run, else an index into {@link #PRE}. */
    private byte pre = -1;
    private int preNumber;
    private boolean lastWasFinal;

    VersionSequence(SplittableRandom random, int createdYear) {
        int shape = random.nextInt(100);
        style = (byte) (shape < 62 ? SEMVER : shape < 82 ? TWO_PART : shape < 95 ? CALVER : FOUR_PART);
        switch (style) {
            case CALVER -> {
                major = createdYear;
                minor = 0;
            }
            case TWO_PART -> minor = 0;
            default -> {
                major = random.nextInt(3) > 0 ? 0 : 1;
                minor = -1; // the first bump makes it 0.1.0 or 1.0.0
            }
        }
    }

    /** The next version, greater than every earlier one. */
    String next(SplittableRandom random) {
        if (pre >= 0) {
            int roll = random.nextInt(100);
            if (roll < 35 && preNumber < 6) {
                preNumber++;
                return preRelease();
            }
            if (roll < 55 && pre < PRE.length - 1) {
                pre++;
                preNumber = 1;
                return preRelease();
            }
            pre = -1;
            return finalRelease();
        }
        int roll = random.nextInt(100);
        if (roll < 6 && lastWasFinal && post < 3) {
            post++;
            lastWasFinal = true;
            return base() + ".post" + post;
        }
        post = 0;
        boolean big = bump(random, roll);
        if (big && random.nextInt(100) < 25) {
            pre = (byte) random.nextInt(PRE.length);
            preNumber = 1 + (pre == 0 ? random.nextInt(4) : 0);
            return preRelease();
        }
        return finalRelease();
    }

    /** Moves to the next release number; true for a minor or major bump. */
    private boolean bump(SplittableRandom random, int roll) {
        switch (style) {
            case CALVER -> {
                minor += 1 + random.nextInt(3);
                if (minor > 12) {
                    major++;
                    minor = 1;
                }
                return roll >= 80;
            }
            case TWO_PART -> {
                if (roll < 92 || major > 30) {
                    minor++;
                    return roll >= 75;
                }
                major++;
                minor = 0;
                return true;
            }
            default -> {
                if (minor < 0) {
                    minor = major == 0 ? 1 : 0;
                    return false;
                }
                if (roll < 72) {
                    if (style == FOUR_PART && random.nextInt(3) == 0) {
                        build++;
                        return false;
                    }
                    patch++;
                    build = 0;
                    return false;
                }
                if (roll < 95 || major > 40) {
                    minor++;
                } else {
                    major++;
                    minor = 0;
                }
                patch = 0;
                build = 0;
                return true;
            }
        }
    }

    private String finalRelease() {
        lastWasFinal = true;
        return base();
    }

    private String preRelease() {
        lastWasFinal = false;
        return base() + PRE[pre] + preNumber;
    }

    private String base() {
        return switch (style) {
            case CALVER, TWO_PART -> major + "." + minor;
            case FOUR_PART -> major + "." + minor + "." + patch + "." + build;
            default -> major + "." + minor + "." + patch;
        };
    }
}
