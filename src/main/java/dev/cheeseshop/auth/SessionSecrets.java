package dev.cheeseshop.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The random values of browser sessions: a session's cookie secret, its CSRF token and the login
 * form's CSRF value are each 32 bytes from {@link SecureRandom} in unpadded base64url (43
 * characters). The cookie secret is stored only as its SHA-256 ({@link TokenSecrets#digest}),
 * as API tokens are: it is random, so a fast digest loses nothing a slow one would protect.
 */
final class SessionSecrets {
    private static final int RANDOM_BYTES = 32;
    /** What may be looked up: anything else is refused without touching the store. */
    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionSecrets() {}

    static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code value} has the shape of a value {@link #generate} makes. */
    static boolean wellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    /**
     * Whether {@code submitted} is {@code expected}, in time that does not depend on where they
     * differ ({@link MessageDigest#isEqual}); null or empty never matches.
     */
    static boolean same(String expected, String submitted) {
        if (expected == null || submitted == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }
}
