package dev.gearbox.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Virtual key secrets: made from SecureRandom, stored only as SHA-256, compared in constant time. */
public final class KeySecrets {
    public static final String PREFIX = "gbx-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {}

    /** A new secret: {@code gbx-} and 32 URL-safe characters (192 random bits). */
    public static String newSecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A key id safe to show and log: {@code vk_} and 12 hex characters. */
    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "vk_" + HexFormat.of().formatHex(b);
    }

    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex digests (or any two strings): time does not depend on where they differ. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
