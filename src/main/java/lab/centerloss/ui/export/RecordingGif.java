package lab.centerloss.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lab.centerloss.export.GifWriter;
import lab.centerloss.export.StepTables;
import lab.centerloss.text.Messages;

/** An animated GIF of a recording: its frames (frame-00001.png upward), in order. */
final class RecordingGif {
  private RecordingGif() {}

  /** The recording's frames in a folder, in order; other files are left out. */
  static List<Path> framesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().matches("frame-\\d{5}\\.png"))
          .sorted()
          .toList();
    }
  }

  /**
   * Writes the frames as a GIF, one every {@code delayMs}; call off the JavaFX thread.
   *
   * @throws StepTables.Cancelled when {@code cancelled} turned true (nothing is left behind)
   */
  static void write(
      List<Path> frames,
      Path target,
      int delayMs,
      DoubleConsumer progress,
      BooleanSupplier cancelled)
      throws IOException {
    try (GifWriter gif = new GifWriter(target, delayMs)) {
      for (int i = 0; i < frames.size(); i++) {
        if (cancelled.getAsBoolean()) {
          throw new StepTables.Cancelled();
        }
        BufferedImage frame = ImageIO.read(frames.get(i).toFile());
        if (frame == null) {
          throw new IOException(
              Messages.text("export.notPng", frames.get(i).getFileName().toString()));
        }
        gif.add(frame);
        progress.accept((i + 1.0) / frames.size());
      }
      gif.finish();
    }
  }
}
