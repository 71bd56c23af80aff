package io.fleetcost.scan.rule;

/** Image references: {@code registry/repo:tag@sha256:…}. */
final class Images {
  private Images() {}

  static boolean pinnedByDigest(String image) {
    return image.contains("@sha256:");
  }

  /** The tag, or null when the reference has none (a registry port is not a tag). */
  static String tag(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(colon + 1) : null;
  }

  /** No tag and no digest, or the tag {@code latest}: the image can change under the same name. */
  static boolean floating(String image) {
    if (pinnedByDigest(image)) {
      return false;
    }
    String tag = tag(image);
    return tag == null || tag.isBlank() || tag.equals("latest");
  }
}
