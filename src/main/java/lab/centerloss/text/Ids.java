package lab.centerloss.text;

import java.util.Locale;
import java.util.Optional;

/**
 * The one way an enum constant becomes the id written to files and typed on the command line
 * ({@code LITE} to {@code lite}), and back. Always {@link Locale#ROOT}: under a Turkish default
 * locale {@code "LITE".toLowerCase()} is {@code "lıte"}, which no reader takes back.
 */
public final class Ids {
  private Ids() {}

  /** The id of a constant: its name in lower case, in every locale the same. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The constant whose id is {@code id} (any case), if there is one. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(id)
          && of(constant).equals(id.toLowerCase(Locale.ROOT))) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
