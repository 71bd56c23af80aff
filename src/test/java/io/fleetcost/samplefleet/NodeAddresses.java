package io.fleetcost.samplefleet;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's private IP address: the one in an EC2 host name ({@code ip-10-0-1-23…}), else one
 * derived from its name.
 */
final class NodeAddresses {
  private static final Pattern EC2_HOST =
      Pattern.compile("^ip-(\\d+)-(\\d+)-(\\d+)-(\\d+)(\\..*)?$");

  private NodeAddresses() {}

  static String internalIp(FleetInstance instance) {
    Matcher ec2 = EC2_HOST.matcher(instance.node());
    if (ec2.matches()) {
      return ec2.group(1) + "." + ec2.group(2) + "." + ec2.group(3) + "." + ec2.group(4);
    }
    String digits = StableIds.digits("node-ip/" + instance.provider() + "/" + instance.node(), 9);
    int host = 1 + Integer.parseInt(digits.substring(6)) % 254;
    return "10." + octet(digits.substring(0, 3)) + "." + octet(digits.substring(3, 6)) + "." + host;
  }

  private static int octet(String digits) {
    return Integer.parseInt(digits) % 256;
  }
}
