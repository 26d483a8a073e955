package lab.centerloss.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** The process's resident memory, native allocations included (where the OS tells it: Linux). */
final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** VmRSS in megabytes (10^6 bytes), or empty where /proc is not there. */
  static OptionalDouble residentMegabytes() {
    if (!Files.isReadable(STATUS)) {
      return OptionalDouble.empty();
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalDouble.of(Long.parseLong(parts[0]) * 1024 / 1e6);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.empty();
  }
}
