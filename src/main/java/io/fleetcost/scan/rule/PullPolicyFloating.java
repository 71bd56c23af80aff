package io.fleetcost.scan.rule;

import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A floating image (latest, or no tag) with imagePullPolicy IfNotPresent or Never runs whatever old
 * copy a node has cached. (An unset policy defaults to Always for latest, so it passes.) As
 * Kubescape C-0075 (rules/image-pull-policy-is-not-set-to-always/raw.rego: L58–L66 a {@code
 * :latest} tag, L69–L72 no tag, L82–L88 what counts as a tag: a match of {@code
 * :[\w][\w.-]{0,127}(/)?} that does not end in {@code /}, so a registry port is not a tag and a
 * digest is; floatingImageTags is empty in Kubescape's default configuration).
 */
final class PullPolicyFloating extends ContainerCheck {
  private static final Pattern TAG = Pattern.compile(":[\\w][\\w.-]{0,127}(/)?");

  PullPolicyFloating() {
    super(
        new CheckInfo(
            "pull-policy-floating",
            "Floating image not pulled every time",
            "workload",
            2,
            List.of("workloads"),
            List.of(),
            List.of("C-0075"),
            "Pin the image to a tag or digest; or set imagePullPolicy: Always."),
        true);
  }

  /**
   * The full matches and their group, as Rego's regex.find_all_string_submatch_n gives them ("" for
   * no group).
   */
  private static List<String> tagMatches(String image) {
    List<String> parts = new ArrayList<>();
    Matcher m = TAG.matcher(image);
    while (m.find()) {
      parts.add(m.group());
      parts.add(m.group(1) == null ? "" : m.group(1));
    }
    return parts;
  }

  static boolean floatingForKubescape(String image) {
    List<String> parts = tagMatches(image);
    boolean latest = parts.contains(":latest");
    boolean tagged = parts.stream().anyMatch(p -> !p.endsWith("/"));
    return latest || !tagged;
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    String image = container.container().path("image").asText("");
    String policy = container.container().path("imagePullPolicy").asText("");
    return (policy.equals("IfNotPresent") || policy.equals("Never")) && floatingForKubescape(image)
        ? Violation.at(
            "imagePullPolicy",
            "pulls the floating image '"
                + image
                + "' only "
                + (policy.equals("Never") ? "never" : "if not present"))
        : null;
  }
}
