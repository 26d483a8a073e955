package lab.centerloss.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Name and version, filtered into a resource by the build. */
public final class AppInfo {
  public static final String NAME;
  public static final String VERSION;

  static {
    Properties properties = new Properties();
    try (InputStream in = AppInfo.class.getResourceAsStream("/lab/centerloss/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NAME = properties.getProperty("name", "Center Loss Lab");
    VERSION = properties.getProperty("version", "unknown");
  }

  private AppInfo() {}
}
