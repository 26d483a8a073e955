package lab.centerloss.ui.common;

import java.util.function.Function;
import javafx.util.StringConverter;
import lab.centerloss.text.Messages;

/** Texts for the items of choice boxes: picked, never typed. */
public final class Converters {
  private Converters() {}

  public static <T> StringConverter<T> of(Function<T, String> toText) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : toText.apply(value);
      }

      @Override
      public T fromString(String text) {
        throw new UnsupportedOperationException("choices are picked, not typed");
      }
    };
  }

  /** An enum's label from the bundle. */
  public static <T extends Enum<T>> StringConverter<T> labels() {
    return of(Messages::label);
  }
}
