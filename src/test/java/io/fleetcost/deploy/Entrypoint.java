package io.fleetcost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs deploy/entrypoint.sh with a fake {@code java} first on PATH that prints its process id and
 * its arguments.
 */
final class Entrypoint {
  static final Path SCRIPT = TestPaths.PROJECT.resolve("deploy/entrypoint.sh");
  static final String CLASSPATH = "/opt/fleetcost/fleetcost.jar:/opt/fleetcost/lib/*";

  private final Path bin;

  /**
   * What one start printed: the exit code, java's arguments (empty when java did not start), both
   * pids, stderr.
   */
  record Launch(int exitCode, List<String> javaArgs, long javaPid, long scriptPid, String stderr) {
    Launch {
      javaArgs = List.copyOf(javaArgs);
    }

    boolean javaStarted() {
      return javaPid != -1;
    }
  }

  Entrypoint(Path dir) throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/usr/bin/env bash\necho \"pid=$$\"\nfor a in \"$@\"; do printf 'arg=%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Starts the script directly (its shebang) with only PATH and {@code env} in the environment. */
  Launch run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    environment.putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the entrypoint ended").isTrue();
    long javaPid = -1;
    List<String> javaArgs = new ArrayList<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.startsWith("pid=")) {
        javaPid = Long.parseLong(line.substring(4));
      } else if (line.startsWith("arg=")) {
        javaArgs.add(line.substring(4));
      }
    }
    return new Launch(
        process.exitValue(),
        javaArgs,
        javaPid,
        process.pid(),
        new String(err, StandardCharsets.UTF_8));
  }

  /** The JVM flags of pom.xml's spark.jvm.flags property, one list element each. */
  static List<String> pomJvmFlags() throws IOException {
    Matcher m =
        Pattern.compile("<spark\\.jvm\\.flags>([^<]+)</spark\\.jvm\\.flags>")
            .matcher(Files.readString(TestPaths.PROJECT.resolve("pom.xml")));
    assertThat(m.find()).as("pom.xml defines spark.jvm.flags").isTrue();
    return List.of(m.group(1).trim().split("\\s+"));
  }

  static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }
}
