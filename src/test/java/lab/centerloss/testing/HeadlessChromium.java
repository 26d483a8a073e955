package lab.centerloss.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the
 * JDK's own WebSocket client: open a page, run script in it, take screenshots, and collect what the
 * console said and which requests the page made. Every wait is bounded and on a condition. Without
 * Chromium a test is skipped, unless the environment variable CI is true: then it fails, since CI
 * installs Chromium.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The browser's executable, or null. */
  public static Path executable() {
    for (String candidate :
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  /** Skips the test without Chromium, or fails it where CI promises one. */
  public static void assumeInstalled() {
    if (executable() == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(
            "Chromium is not installed, and CI=true: .ci/run installs Debian's chromium");
      }
      Assumptions.assumeTrue(false, "Chromium is not installed (apt-get install chromium)");
    }
  }

  /** Starts a browser with a fresh profile, no network features of its own, and a blank page. */
  public static HeadlessChromium start() throws IOException {
    assumeInstalled();
    Path profile = Files.createTempDirectory("clab-chromium-");
    Process process =
        new ProcessBuilder(
                executable().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--mute-audio",
                "--remote-allow-origins=*",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      waitFor(
          () -> Files.isRegularFile(portFile) && lines(portFile).size() >= 2 || !process.isAlive(),
          START_TIMEOUT,
          "Chromium's DevToolsActivePort");
      if (!process.isAlive()) {
        throw new IOException(
            "Chromium ended at start: " + Files.readString(profile.resolve("chromium.log")));
      }
      int port = Integer.parseInt(lines(portFile).get(0).strip());
      HttpClient http = HttpClient.newHttpClient();
      String page = null;
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (page == null && System.nanoTime() < deadline) {
        HttpResponse<String> list =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
          if ("page".equals(target.path("type").asText())) {
            page = target.get("webSocketDebuggerUrl").asText();
          }
        }
      }
      if (page == null) {
        throw new IOException("Chromium shows no page to drive");
      }
      Holder holder = new Holder();
      WebSocket socket =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(20))
              .buildAsync(URI.create(page), holder)
              .get(30, TimeUnit.SECONDS);
      HeadlessChromium browser = new HeadlessChromium(process, profile, socket);
      holder.browser = browser;
      for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
        browser.call(domain + ".enable", JSON.createObjectNode());
      }
      return browser;
    } catch (Exception e) {
      destroy(process);
      deleteTree(profile);
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException(e);
    }
  }

  /** Receives the protocol's messages: answers complete their call, the rest are kept as events. */
  private static final class Holder implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    volatile HeadlessChromium browser;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        try {
          JsonNode node = JSON.readTree(message);
          HeadlessChromium b = browser;
          if (b != null) {
            b.receive(node);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  private void receive(JsonNode node) {
    if (node.has("id")) {
      CompletableFuture<JsonNode> answer = pending.remove(node.get("id").asInt());
      if (answer != null) {
        answer.complete(node);
      }
    } else {
      events.add(node);
    }
  }

  /** One protocol call; its result, or an error if the browser answered with one. */
  public JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    try {
      socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + ": " + reply.get("error"));
      }
      return reply.get("result");
    } catch (Exception e) {
      pending.remove(id);
      throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " failed", e);
    }
  }

  public ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** The viewport in CSS pixels, at a device pixel ratio. */
  public void viewport(int width, int height, double deviceScaleFactor, boolean mobile) {
    call(
        "Emulation.setDeviceMetricsOverride",
        params()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", deviceScaleFactor)
            .put("mobile", mobile));
  }

  /** Cuts the page off the network: every request but the file itself fails. */
  public void offline() {
    call(
        "Network.emulateNetworkConditions",
        params()
            .put("offline", true)
            .put("latency", 0)
            .put("downloadThroughput", 0)
            .put("uploadThroughput", 0));
  }

  /**
   * Opens a file and waits until the condition (a script expression) holds; returns the
   * milliseconds it took.
   */
  public double open(Path file, String readyWhen) {
    events.clear();
    long start = System.nanoTime();
    call("Page.navigate", params().put("url", file.toUri().toString()));
    waitUntil(readyWhen, Duration.ofSeconds(30));
    return (System.nanoTime() - start) / 1e6;
  }

  /** The value of a script expression (promises awaited); a thrown error fails the call. */
  public JsonNode evaluate(String expression) {
    JsonNode result =
        call(
            "Runtime.evaluate",
            params()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits, bounded, until a script expression is true. */
  public void waitUntil(String expression, Duration timeout) {
    waitFor(
        () -> {
          try {
            return evaluate("!!(" + expression + ")").asBoolean();
          } catch (IllegalStateException e) {
            return false; // the page is between two documents
          }
        },
        timeout,
        expression);
  }

  /** A screenshot of a part of the page, in CSS pixels, at the device's pixel ratio. */
  public BufferedImage screenshot(double x, double y, double width, double height) {
    ObjectNode clip =
        params().put("x", x).put("y", y).put("width", width).put("height", height).put("scale", 1);
    ObjectNode p = params().put("format", "png").put("captureBeyondViewport", true);
    p.set("clip", clip);
    return image(call("Page.captureScreenshot", p).get("data").asText());
  }

  /** A screenshot of the viewport. */
  public BufferedImage screenshot() {
    return image(
        call("Page.captureScreenshot", params().put("format", "png")).get("data").asText());
  }

  private static BufferedImage image(String base64) {
    try {
      return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the console and the log said as errors, and the uncaught exceptions, since the last open.
   */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (JsonNode e : events) {
      String method = e.path("method").asText();
      JsonNode p = e.path("params");
      if (method.equals("Runtime.exceptionThrown")) {
        errors.add("exception: " + p.path("exceptionDetails"));
      } else if (method.equals("Runtime.consoleAPICalled")
          && List.of("error", "assert").contains(p.path("type").asText())) {
        errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
      } else if (method.equals("Log.entryAdded")
          && p.path("entry").path("level").asText().equals("error")) {
        errors.add(
            "log: "
                + p.path("entry").path("text").asText()
                + " "
                + p.path("entry").path("url").asText());
      }
    }
    return errors;
  }

  /** The URLs the page asked for, since the last open. */
  public List<String> requests() {
    List<String> urls = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.path("method").asText().equals("Network.requestWillBeSent")) {
        urls.add(e.path("params").path("request").path("url").asText());
      }
    }
    return urls;
  }

  /** The JavaScript dialogs (alert, confirm, prompt) the page opened, since the last open. */
  public List<String> dialogs() {
    List<String> opened = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.path("method").asText().equals("Page.javascriptDialogOpening")) {
        opened.add(e.path("params").path("message").asText());
      }
    }
    return opened;
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      destroy(process);
      deleteTree(profile);
    }
  }

  private static void destroy(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a profile folder left in the temporary folder is harmless
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Polls a condition until it holds or the time is up (then fails naming what was awaited). */
  private static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.onSpinWait();
      LockSupport.parkNanos(20_000_000);
    }
  }
}
