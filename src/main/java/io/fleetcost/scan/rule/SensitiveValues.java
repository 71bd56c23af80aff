package io.fleetcost.scan.rule;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What looks like a credential: a name with a credential word as one of its parts ({@code
 * DB_PASSWORD}, {@code HF_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}, {@code apiKey}; not {@code
 * TOKENIZERS_PARALLELISM}), or a value shaped like a key (a PEM private key, an AWS access key id,
 * a Slack, GitHub or Hugging Face token). Flags, numbers and absolute paths are never credentials
 * by their name alone.
 */
final class SensitiveValues {
  private SensitiveValues() {}

  private static final Pattern WORD =
      Pattern.compile(
          "(?i)(^|.*[_\\-.])(password|passwd|pwd|secret|secrets|token|credential|credentials|apikey|key|privatekey)([_\\-.].*|$)");
  private static final Pattern CAMEL =
      Pattern.compile(
          ".*[a-z0-9](Password|Passwd|Secret|Token|ApiKey|Key|Credentials?)([A-Z_\\-.].*|$)");
  private static final Pattern VALUE =
      Pattern.compile(
          "(?s).*(PRIVATE KEY-----|PRIVATE KEY---|AKIA[0-9A-Z]{16}|xox[bp]-[0-9A-Za-z-]{10,}|ghp_[0-9A-Za-z]{30,}|hf_[0-9A-Za-z]{30,}).*");
  private static final Set<String> FLAGS =
      Set.of("true", "false", "yes", "no", "on", "off", "none", "null", "");

  static boolean sensitiveName(String name) {
    return WORD.matcher(name).matches() || CAMEL.matcher(name).matches();
  }

  static boolean sensitiveValue(String value) {
    return VALUE.matcher(value).matches();
  }

  /**
   * A name-and-value pair that looks like a credential written out. An absolute path is where a
   * credential is, not the credential (HF_TOKEN_PATH=/var/run/secrets/huggingface/token), as
   * Kubescape's is_not_file_path has it.
   */
  static boolean credential(String name, String value) {
    String v = value.strip();
    if (FLAGS.contains(v.toLowerCase(Locale.ROOT)) || v.matches("-?[0-9.]+") || v.startsWith("/")) {
      return sensitiveValue(value);
    }
    return sensitiveName(name) || sensitiveValue(value);
  }
}
