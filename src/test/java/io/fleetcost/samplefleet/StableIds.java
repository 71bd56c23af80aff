package io.fleetcost.samplefleet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * Identifiers the providers assign (line item ids, numeric instance ids, reservation GUIDs),
 * derived from a seed text by SHA-256, so that the same fleet always gets the same ids and
 * different seeds get different ones.
 */
final class StableIds {
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private StableIds() {}

  static String hex(String seed, int length) {
    return String.format(Locale.ROOT, "%064x", new BigInteger(1, sha256(seed)))
        .substring(0, length);
  }

  /** Decimal digits, the first one not zero. */
  static String digits(String seed, int length) {
    String all =
        new BigInteger(1, sha256(seed)).toString()
            + new BigInteger(1, sha256(seed + "#")).toString();
    StringBuilder out = new StringBuilder(length);
    for (char c : all.toCharArray()) {
      if (out.length() == 0 && c == '0') {
        continue;
      }
      out.append(c);
      if (out.length() == length) {
        return out.toString();
      }
    }
    throw new IllegalArgumentException("cannot make " + length + " digits");
  }

  /** Lower-case base32 of the SHA-256 (52 characters), the shape of a CUR line item id. */
  static String base32(String seed) {
    byte[] bytes = sha256(seed);
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static UUID uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(String seed) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
