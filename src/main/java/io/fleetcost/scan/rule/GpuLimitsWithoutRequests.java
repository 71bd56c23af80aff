package io.fleetcost.scan.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.PodTemplate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GPUs are an extended resource: they must be in limits, and a request, when given, must equal the
 * limit. A GPU limit without an explicit request is defaulted by the API server, but quota and
 * cost-allocation tools that read the manifest (requests.nvidia.com/gpu) do not count it; a request
 * without a limit is rejected.
 */
final class GpuLimitsWithoutRequests extends ContainerCheck {
  GpuLimitsWithoutRequests() {
    super(
        new CheckInfo(
            "gpu-limits-without-requests",
            "GPU limit without a matching request",
            "workload",
            2,
            List.of("workloads"),
            List.of(),
            List.of(),
            "Set resources.requests.nvidia.com/gpu equal to resources.limits.nvidia.com/gpu."),
        true);
  }

  static boolean gpuResource(String name) {
    return name.equals("nvidia.com/gpu")
        || name.equals("amd.com/gpu")
        || name.startsWith("gpu.intel.com/")
        || name.startsWith("nvidia.com/mig-");
  }

  @Override
  Violation test(PodTemplate pod, Containers.Entry container) {
    JsonNode resources = container.container().path("resources");
    Iterator<Map.Entry<String, JsonNode>> limits = resources.path("limits").fields();
    while (limits.hasNext()) {
      Map.Entry<String, JsonNode> limit = limits.next();
      if (gpuResource(limit.getKey())) {
        JsonNode request = resources.path("requests").path(limit.getKey());
        if (request.isMissingNode()) {
          return Violation.at(
              "resources.requests." + limit.getKey(),
              "limits " + limit.getKey() + " without requesting it");
        }
        if (!request.asText().equals(limit.getValue().asText())) {
          return Violation.at(
              "resources.requests." + limit.getKey(),
              "requests "
                  + request.asText()
                  + " "
                  + limit.getKey()
                  + " but limits "
                  + limit.getValue().asText());
        }
      }
    }
    Iterator<String> requests = resources.path("requests").fieldNames();
    while (requests.hasNext()) {
      String name = requests.next();
      if (gpuResource(name) && resources.path("limits").path(name).isMissingNode()) {
        return Violation.at(
            "resources.limits." + name,
            "requests " + name + " without a limit (the API server rejects it)");
      }
    }
    return null;
  }
}
