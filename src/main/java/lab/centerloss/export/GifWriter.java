package lab.centerloss.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * An animated GIF written frame by frame with the JDK's own GIF writer (no hand-written encoder),
 * looping forever, into a temporary file that becomes the target on {@link #finish()}.
 */
public final class GifWriter implements AutoCloseable {
  private final Path target;
  private final Path temporary;
  private final ImageWriter writer;
  private final OutputStream file;
  private final ImageOutputStream output;
  private final int delayCentiseconds;
  private int frames;
  private boolean finished;

  public GifWriter(Path target, int delayMillis) throws IOException {
    this.target = target;
    this.delayCentiseconds = Math.max(1, Math.round(delayMillis / 10f));
    temporary = AtomicFile.temporaryBeside(target);
    writer = ImageIO.getImageWritersByFormatName("gif").next();
    // Through the Path API (not a File), so that any file system works, a size-limited test one
    // too.
    file = Files.newOutputStream(temporary);
    output = new MemoryCacheImageOutputStream(file);
    writer.setOutput(output);
    try {
      writer.prepareWriteSequence(null);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public void add(BufferedImage frame) throws IOException {
    IIOMetadata metadata =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
    configure(metadata, frames == 0);
    writer.writeToSequence(new IIOImage(frame, null, metadata), null);
    frames++;
  }

  public int frames() {
    return frames;
  }

  public void finish() throws IOException {
    writer.endWriteSequence();
    output.close(); // flushes into the file, which it leaves open
    file.close();
    writer.dispose();
    AtomicFile.commit(temporary, target);
    finished = true;
  }

  private void configure(IIOMetadata metadata, boolean first) throws IIOInvalidTreeException {
    String format = metadata.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      // NETSCAPE2.0: loop forever
      IIOMetadataNode extensions = child(root, "ApplicationExtensions");
      IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
      loop.setAttribute("applicationID", "NETSCAPE");
      loop.setAttribute("authenticationCode", "2.0");
      loop.setUserObject(new byte[] {1, 0, 0});
      extensions.appendChild(loop);
    }
    metadata.setFromTree(format, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      try (file) {
        output.close();
      } catch (IOException ignored) {
        // the disk is full or gone; the temporary file goes all the same
      } finally {
        writer.dispose();
        Files.deleteIfExists(temporary);
      }
    }
  }
}
