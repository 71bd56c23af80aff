package io.fleetcost.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hadolint's checks that matter for this image, written as plain code (hadolint itself cannot be
 * installed here): each {@link Violation} carries hadolint's rule id where it has one. A Dockerfile
 * is read as its instructions, with comments dropped and continuation lines joined.
 */
final class DockerfileLint {
  private DockerfileLint() {}

  record Instruction(int line, String keyword, String arguments) {}

  record Violation(String rule, int line, String message) {}

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(KEY|SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL).*");
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{30,}");
  private static final Pattern PIPE_TO_SHELL =
      Pattern.compile("\\b(curl|wget)\\b[^|;&]*\\|\\s*(sudo\\s+)?(ba|z|da)?sh\\b");

  static List<Instruction> parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("#") || (current == null && line.isEmpty())) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      String body = continues ? line.substring(0, line.length() - 1).strip() : line;
      if (current == null) {
        current = new StringBuilder(body);
        start = i + 1;
      } else {
        current.append(' ').append(body);
      }
      if (!continues) {
        String joined = current.toString();
        int space = joined.indexOf(' ');
        instructions.add(
            new Instruction(
                start,
                (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT),
                space < 0 ? "" : joined.substring(space + 1).strip()));
        current = null;
      }
    }
    return instructions;
  }

  static List<Violation> lint(String text) {
    List<Instruction> instructions = parse(text);
    List<Violation> violations = new ArrayList<>();
    Set<String> stages = new HashSet<>();
    String lastUser = null;
    int lastFrom = 0;
    for (Instruction in : instructions) {
      String args = in.arguments();
      switch (in.keyword()) {
        case "FROM" -> {
          lastFrom = in.line();
          lastUser = null;
          String[] words = args.split("\\s+");
          String image =
              words[0].startsWith("--platform") && words.length > 1 ? words[1] : words[0];
          if (!stages.contains(image) && !image.equals("scratch")) {
            String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            String tag =
                name.lastIndexOf(':') > name.lastIndexOf('/')
                    ? name.substring(name.lastIndexOf(':') + 1)
                    : "";
            if (tag.isEmpty() && !image.contains("@sha256:")) {
              violations.add(
                  new Violation("DL3006", in.line(), "base image " + image + " has no tag"));
            } else if (tag.equals("latest")) {
              violations.add(
                  new Violation("DL3007", in.line(), "base image " + image + " uses latest"));
            } else if (!image.contains("@sha256:") && !tag.matches("\\d.*|.*\\d+\\.\\d+.*")) {
              violations.add(
                  new Violation(
                      "pinned-version", in.line(), "base image tag " + tag + " names no version"));
            }
          }
          for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equalsIgnoreCase("AS")) {
              stages.add(words[i + 1]);
            }
          }
        }
        case "ADD" -> violations.add(new Violation("DL3020", in.line(), "ADD: use COPY"));
        case "COPY" -> {
          for (String word : args.split("\\s+")) {
            if (word.startsWith("--from=")
                && !stages.contains(word.substring("--from=".length()))) {
              violations.add(
                  new Violation("DL3022", in.line(), "COPY " + word + " names no earlier stage"));
            }
          }
        }
        case "USER" -> lastUser = args;
        case "WORKDIR" -> {
          if (!args.startsWith("/") && !args.startsWith("$")) {
            violations.add(new Violation("DL3000", in.line(), "WORKDIR " + args + " is relative"));
          }
        }
        case "CMD", "ENTRYPOINT" -> {
          if (!args.startsWith("[")) {
            violations.add(new Violation("DL3025", in.line(), in.keyword() + " in shell form"));
          }
        }
        case "ENV", "ARG" -> {
          for (String name : variableNames(args)) {
            if (SECRET_NAME.matcher(name).matches()) {
              violations.add(
                  new Violation(
                      "secret-in-image",
                      in.line(),
                      in.keyword() + " " + name + " would bake a secret into the image"));
            }
          }
        }
        case "RUN" -> lintRun(in, violations);
        default -> {}
      }
      if (SECRET_VALUE.matcher(args).find()) {
        violations.add(new Violation("secret-in-image", in.line(), "a credential-like value"));
      }
    }
    if (lastUser == null) {
      violations.add(
          new Violation("DL3002", lastFrom, "the final stage sets no USER: it runs as root"));
    } else {
      String uid = lastUser.split(":")[0];
      if (!uid.matches("\\d+") || Integer.parseInt(uid) == 0) {
        violations.add(
            new Violation(
                "DL3002",
                lastFrom,
                "USER "
                    + lastUser
                    + ": a numeric non-root UID is needed (Kubernetes runAsNonRoot checks it)"));
      }
    }
    return violations;
  }

  private static void lintRun(Instruction in, List<Violation> violations) {
    String run = in.arguments();
    if (run.matches("(?s).*\\bsudo\\b.*")) {
      violations.add(new Violation("DL3004", in.line(), "sudo in RUN"));
    }
    if (run.matches("(?s).*(^|[;&|]\\s*)cd\\s.*")) {
      violations.add(new Violation("DL3003", in.line(), "cd in RUN: use WORKDIR"));
    }
    if (run.matches("(?s).*(^|[;&|]\\s*|\\bsudo\\s+)apt\\s.*")) {
      violations.add(new Violation("DL3027", in.line(), "apt in RUN: use apt-get"));
    }
    if (PIPE_TO_SHELL.matcher(run).find()) {
      violations.add(new Violation("DL4006", in.line(), "a download piped into a shell"));
    }
    if (run.contains("apt-get install")) {
      if (!run.matches("(?s).*apt-get install[^&;|]*\\s(-y|--yes|-qq|--assume-yes)\\b.*")) {
        violations.add(new Violation("DL3014", in.line(), "apt-get install without -y"));
      }
      if (!run.contains("--no-install-recommends")) {
        violations.add(
            new Violation("DL3015", in.line(), "apt-get install without --no-install-recommends"));
      }
      if (!run.contains("apt-get update")) {
        violations.add(
            new Violation(
                "DL3009", in.line(), "apt-get install without apt-get update in the same RUN"));
      }
      if (!run.contains("rm -rf /var/lib/apt/lists/*")) {
        violations.add(
            new Violation("DL3009", in.line(), "the apt lists are not deleted in the same RUN"));
      }
    }
  }

  /** The names ENV or ARG defines: {@code A=1 B=2}, {@code A 1} (the legacy form) or {@code A}. */
  private static List<String> variableNames(String args) {
    List<String> names = new ArrayList<>();
    if (!args.contains("=")) {
      names.add(args.split("\\s+")[0]);
      return names;
    }
    for (String word : args.split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0 && word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        names.add(word.substring(0, eq));
      }
    }
    return names;
  }
}
