package lab.centerloss.plot;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Widths of short labels in a font, measured once each: the canvas cannot measure text, and a Text
 * node laid out for every label of every frame would cost more than drawing them.
 */
final class TextWidths {
  private static final int MAX_ENTRIES = 512;
  private final Map<String, Double> widths = new HashMap<>();
  private final Text measure = new Text();

  double width(String label, Font font) {
    String key = font.getName() + '/' + font.getSize() + '/' + label;
    Double known = widths.get(key);
    if (known != null) {
      return known;
    }
    if (widths.size() >= MAX_ENTRIES) {
      widths.clear(); // zooming through many scales; start again rather than grow
    }
    measure.setFont(font);
    measure.setText(label);
    double width = measure.getLayoutBounds().getWidth();
    widths.put(key, width);
    return width;
  }
}
