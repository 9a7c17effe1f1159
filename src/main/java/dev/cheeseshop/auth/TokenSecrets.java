package dev.cheeseshop.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secrets of API tokens: {@code pypi-} and 32 random bytes in unpadded base64url, as pypi.org's
 * tokens start (its body is a macaroon; ours is only random), and their SHA-256 digests, which
 * are all that is stored. A fast digest is enough: the secret is random, so there is nothing to
 * guess from a digest that guessing the token itself would not give.
 */
public final class TokenSecrets {
    public static final String PREFIX = "pypi-";
    private static final int RANDOM_BYTES = 32;
    /** What may be looked up: anything else is refused without touching the store. */
    private static final Pattern SHAPE = Pattern.compile("^pypi-[A-Za-z0-9_-]{43,300}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    /** A new secret, to be shown once. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code token} has the shape of a secret this server hands out. */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The lower-case hex SHA-256 of the secret's UTF-8 bytes: what is stored and looked up. */
    public static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two digests in time that does not depend on where they differ. */
    public static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
