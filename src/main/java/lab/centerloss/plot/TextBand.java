package lab.centerloss.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * A band of wrapped text above a picture: a lesson's title, narration and question on a slide.
 * Drawn by JavaFX with the bundled font, so Chinese renders without a system font. Call on the
 * JavaFX thread.
 */
public final class TextBand {
  private TextBand() {}

  /**
   * One line of the band: its text, its size in pixels at a 720-pixel-high frame, bold or not, its
   * color.
   */
  public record Line(String text, double size, boolean bold, Color color) {}

  public static BufferedImage draw(int width, double scale, PlaneStyle style, List<Line> lines) {
    Fonts.load();
    VBox box = new VBox(6 * scale);
    box.setPadding(new Insets(12 * scale, 18 * scale, 12 * scale, 18 * scale));
    box.setBackground(new Background(new BackgroundFill(style.background(), null, null)));
    box.setPrefWidth(width);
    box.setMinWidth(width);
    box.setMaxWidth(width);
    for (Line line : lines) {
      if (line.text().isEmpty()) {
        continue;
      }
      Label label = new Label(line.text());
      label.setWrapText(true);
      label.setMaxWidth(width - 36 * scale);
      label.setTextFill(line.color());
      label.setFont(
          Font.font(
              Fonts.family(),
              line.bold() ? FontWeight.BOLD : FontWeight.NORMAL,
              line.size() * scale));
      box.getChildren().add(label);
    }
    Scene scene = new Scene(box);
    box.applyCss();
    box.layout();
    double height = Math.ceil(box.prefHeight(width));
    box.resize(width, height);
    box.layout();
    var image = scene.getRoot().snapshot(null, null);
    return SwingFXUtils.fromFXImage(
        image,
        new BufferedImage(
            (int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB));
  }
}
