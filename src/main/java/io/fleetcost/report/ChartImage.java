package io.fleetcost.report;

import java.util.Base64;

/**
 * A chart rendered to PNG, for an {@code <img>} of the self-contained pages; {@code alt} describes
 * it and the page shows the same figures in a table.
 */
public record ChartImage(String alt, byte[] png, int width, int height) {
  public ChartImage {
    png = png.clone();
  }

  @Override
  public byte[] png() {
    return png.clone();
  }

  public String dataUri() {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
