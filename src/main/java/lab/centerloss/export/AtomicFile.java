package lab.centerloss.export;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files that appear whole or not at all: the content is written under a hidden temporary name
 * beside the target and moved onto it in one step when complete. A failure, a full disk or a cancel
 * leaves no temporary file and an earlier target untouched. Every file the app writes goes through
 * here.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the content into a stream that becomes {@code target} once it returns normally. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, Content content) throws IOException {
    Path temporary = temporaryBeside(target);
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        content.writeTo(out);
      }
      commit(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
      LIVE.remove(temporary);
    }
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A fresh, hidden file beside its target, created with the user's ordinary permissions (unlike
   * {@link Files#createTempFile}, which makes it private). For writers that must hold the file open
   * across calls (a GIF, a recording); they end with {@link #commit} or delete it.
   */
  public static Path temporaryBeside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    removeStaleParts(absolute.getParent());
    Path temporary =
        absolute.resolveSibling(
            "."
                + absolute.getFileName()
                + "."
                + HOST
                + "_"
                + ProcessHandle.current().pid()
                + "-"
                + UUID.randomUUID()
                + PART);
    Path created = Files.createFile(temporary);
    LIVE.add(created);
    return created;
  }

  /** Moves a complete temporary file onto its target in one step. */
  public static void commit(Path temporary, Path target) throws IOException {
    Files.move(
        temporary,
        target.toAbsolutePath(),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    LIVE.remove(temporary);
  }

  // Parts left behind (issue 25) ---------------------------------------------------------------

  private static final String PART = ".part";

  /**
   * Our naming: a hidden ".target.HOST_PID-UUID.part" (and, before the writer was named,
   * ".target.UUID.part"). The host matters: the shares of a sweep on a batch system write into one
   * shared folder from several machines, where another machine's process id says nothing.
   */
  private static final Pattern OUR_PART =
      Pattern.compile(
          "\\..+\\.(?:([A-Za-z0-9-]{1,40})_(\\d+)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.part");

  /** This machine's name as a part names it. */
  static final String HOST = hostName();

  /** A part of another machine, or of the old naming, is taken as left behind after a day. */
  private static final Duration OLD_PART_AGE = Duration.ofDays(1);

  /** Temporary files being written now: a SIGTERM (a shutdown hook) removes them. */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::removeLiveParts, "remove-parts"));
    } catch (IllegalStateException e) {
      // first used while the JVM shuts down: nothing of ours is being written yet
    }
  }

  private static void removeLiveParts() {
    for (Path part : LIVE) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException | RuntimeException e) {
        // the JVM is ending: the next write into that folder removes what is left
      }
    }
  }

  /** Forgets a temporary file that its writer deleted. */
  public static void discarded(Path temporary) {
    LIVE.remove(temporary);
  }

  /**
   * Removes the temporary files of our naming in {@code folder} whose writer is gone: a process
   * that was killed (kill -9 runs no shutdown hook) leaves its part, and the next write into the
   * folder takes it away. A part of a process still running is left alone, as are files of any
   * other naming.
   */
  public static void removeStaleParts(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, ".*" + PART)) {
      for (Path part : parts) {
        Matcher m = OUR_PART.matcher(part.getFileName().toString());
        if (!m.matches()
            || LIVE.contains(part)
            || !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        boolean ours = HOST.equals(m.group(1));
        boolean stale =
            ours
                ? !running(Long.parseLong(m.group(2)))
                : Files.getLastModifiedTime(part)
                    .toInstant()
                    .isBefore(Instant.now().minus(OLD_PART_AGE));
        if (stale) {
          Files.deleteIfExists(part);
        }
      }
    } catch (IOException | RuntimeException e) {
      // cleaning up is a courtesy: the write itself goes ahead
    }
  }

  private static String hostName() {
    String name = "";
    try {
      Path linux = Path.of("/proc/sys/kernel/hostname");
      name =
          Files.isRegularFile(linux)
              ? Files.readString(linux).trim()
              : InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      // unnamed: its parts are judged by age
    }
    name = name.replaceAll("[^A-Za-z0-9-]", "-");
    return name.isEmpty() ? "host" : name.substring(0, Math.min(40, name.length()));
  }

  private static boolean running(long pid) {
    return pid == ProcessHandle.current().pid()
        || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
