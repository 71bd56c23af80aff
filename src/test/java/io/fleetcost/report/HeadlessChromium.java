package io.fleetcost.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (a WebSocket and JSON, no
 * client library): one page that opens local files, the console errors, uncaught exceptions and
 * error log entries (failed loads among them) it reports, script evaluation, and full-page
 * screenshots. Every wait has a timeout; {@link #close()} ends the browser and all its processes.
 */
final class HeadlessChromium implements AutoCloseable {
  static final String BINARY = "chromium";
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration COMMAND = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Thread endOnExit;
  private final Deque<String> stderrTail;
  private final WebSocket socket;
  private final String session;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private HeadlessChromium(
      Process process,
      Thread endOnExit,
      Deque<String> stderrTail,
      WebSocket socket,
      Listener listener) {
    this.process = process;
    this.endOnExit = endOnExit;
    this.stderrTail = stderrTail;
    this.socket = socket;
    listener.owner = this;
    this.session = attachToNewPage();
    for (String domain : List.of("Runtime", "Log", "Page")) {
      send(domain + ".enable", JSON.createObjectNode());
    }
  }

  /** The {@code chromium} on the PATH, if any. */
  static Optional<Path> installed() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, BINARY))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts the browser with a fresh profile in {@code profile}, a page of {@code width} × {@code
   * height} CSS pixels.
   */
  static HeadlessChromium launch(Path binary, Path profile, int width, int height)
      throws IOException {
    List<String> command =
        List.of(
            binary.toString(),
            "--headless=new",
            // Chromium's sandbox needs user namespaces, which containers, and root in them, usually
            // do not have: it
            // then refuses to start. The pages opened are the build's own files.
            "--no-sandbox",
            "--disable-gpu",
            // /dev/shm is 64 MB in a container; the renderer crashes on a long page when it runs
            // out
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=" + width + "," + height,
            "--remote-debugging-port=0",
            "--user-data-dir=" + profile,
            "about:blank");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // its temporary files (the profile's singleton socket among them) go in the profile, not left
    // behind in /tmp
    builder.environment().put("TMPDIR", Files.createDirectories(profile.resolve("tmp")).toString());
    Process process = builder.start();
    // a test JVM that is ended (a fork timeout, SIGTERM) runs no finally block, but it runs its
    // shutdown hooks
    Thread endOnExit = new Thread(() -> end(process), "chromium-end");
    Runtime.getRuntime().addShutdownHook(endOnExit);
    Deque<String> tail = new ArrayDeque<>();
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader = new Thread(() -> readStderr(process, tail, endpoint), "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      String url =
          await(endpoint, START, () -> "Chromium's DevTools address on its standard error", tail);
      Listener listener = new Listener();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(START)
              .buildAsync(URI.create(url), listener)
              .get(START.toSeconds(), TimeUnit.SECONDS);
      return new HeadlessChromium(process, endOnExit, tail, socket, listener);
    } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
      end(process);
      Runtime.getRuntime().removeShutdownHook(endOnExit);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "Cannot start " + command + ": " + e + "\n" + String.join("\n", snapshot(tail)), e);
    }
  }

  /**
   * Opens {@code file} in the page and waits for its load event; the problems list is cleared
   * first, so afterwards it holds this page's.
   */
  void open(Path file) {
    problems.clear();
    loaded = new CompletableFuture<>();
    ObjectNode params = JSON.createObjectNode().put("url", file.toUri().toString());
    JsonNode navigated = send("Page.navigate", params);
    if (navigated.hasNonNull("errorText")) {
      throw new IllegalStateException(
          "Cannot open " + file + ": " + navigated.get("errorText").asText());
    }
    await(loaded, COMMAND, () -> "the load event of " + file, stderrTail);
  }

  /** Console errors, uncaught exceptions and error log entries of the page opened last, as text. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * The value of a JavaScript expression in the page (JSON-serializable); a thrown exception fails.
   */
  JsonNode evaluate(String expression) {
    ObjectNode params =
        JSON.createObjectNode()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode result = send("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "Cannot evaluate " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /**
   * A PNG of the page, {@code width} CSS pixels wide, from the top down to {@code maxHeight} CSS
   * pixels or the page's end (the whole page when it is shorter), beyond the window as needed.
   */
  byte[] screenshot(int maxHeight) {
    JsonNode size = send("Page.getLayoutMetrics", JSON.createObjectNode()).get("cssContentSize");
    ObjectNode clip =
        JSON.createObjectNode()
            .put("x", 0)
            .put("y", 0)
            .put("width", Math.ceil(size.get("width").asDouble()))
            .put("height", Math.min(maxHeight, Math.ceil(size.get("height").asDouble())))
            .put("scale", 1);
    ObjectNode params =
        JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.set("clip", clip);
    return Base64.getDecoder().decode(send("Page.captureScreenshot", params).get("data").asText());
  }

  /** Ends the browser and every process it started (renderer, zygotes, GPU process). */
  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      end(process);
      Runtime.getRuntime().removeShutdownHook(endOnExit);
    }
  }

  private static void end(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /**
   * A new tab, attached in flat mode: its commands go over the browser's socket with the returned
   * session id.
   */
  private String attachToNewPage() {
    String target =
        call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
            .get("targetId")
            .asText();
    return call(
            null,
            "Target.attachToTarget",
            JSON.createObjectNode().put("targetId", target).put("flatten", true))
        .get("sessionId")
        .asText();
  }

  private JsonNode send(String method, ObjectNode params) {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      socket.sendText(message.toString(), true).get(COMMAND.toSeconds(), TimeUnit.SECONDS);
      JsonNode answer = await(reply, COMMAND, () -> "Chromium's answer to " + method, stderrTail);
      if (answer.has("error")) {
        throw new IllegalStateException(
            "Chromium refused " + method + " " + params + ": " + answer.get("error"));
      }
      return answer.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending " + method, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot send " + method + " to Chromium: " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  private void onMessage(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
      if (reply != null) {
        reply.complete(message);
      }
      return;
    }
    JsonNode params = message.path("params");
    switch (message.path("method").asText()) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.consoleAPICalled" -> {
        if (params.path("type").asText().equals("error")) {
          List<String> args = new ArrayList<>();
          params
              .path("args")
              .forEach(
                  arg ->
                      args.add(
                          arg.has("value")
                              ? arg.get("value").asText()
                              : arg.path("description").asText()));
          problems.add("console.error: " + String.join(" ", args));
        }
      }
      case "Runtime.exceptionThrown" -> {
        JsonNode details = params.path("exceptionDetails");
        problems.add(
            "uncaught exception: "
                + details
                    .path("exception")
                    .path("description")
                    .asText(details.path("text").asText()));
      }
      case "Log.entryAdded" -> {
        JsonNode entry = params.path("entry");
        if (entry.path("level").asText().equals("error")) {
          problems.add(
              "log ("
                  + entry.path("source").asText()
                  + "): "
                  + entry.path("text").asText()
                  + " "
                  + entry.path("url").asText(""));
        }
      }
      default -> {}
    }
  }

  private static <T> T await(
      CompletableFuture<T> future, Duration timeout, Supplier<String> what, Deque<String> tail) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Timed out after "
              + timeout.toSeconds()
              + " s waiting for "
              + what.get()
              + "; Chromium's last lines:\n"
              + String.join("\n", snapshot(tail)),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + what.get(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Failed waiting for " + what.get() + ": " + e.getCause(), e.getCause());
    }
  }

  /**
   * Drains Chromium's standard error (it must not block on a full pipe), keeping its last lines for
   * messages.
   */
  private static void readStderr(
      Process process, Deque<String> tail, CompletableFuture<String> endpoint) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > 40) {
            tail.removeFirst();
          }
        }
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          endpoint.complete(matcher.group(1));
        }
      }
    } catch (IOException e) {
      endpoint.completeExceptionally(e);
    }
    endpoint.completeExceptionally(
        new IllegalStateException("Chromium ended its standard error without a DevTools address"));
  }

  private static List<String> snapshot(Deque<String> tail) {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  /** Collects a text message's fragments and hands each whole message to its browser. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile HeadlessChromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        owner.onMessage(text);
      }
      webSocket.request(1);
      return null;
    }
  }
}
