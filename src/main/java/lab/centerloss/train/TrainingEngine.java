package lab.centerloss.train;

import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Message;

/**
 * libtorch loaded, a device chosen and the data set on it: what the sessions of a trainer or a
 * command share. The sessions only read its tensors; a comparison's workers make their sessions
 * from it, but it is closed by the thread that opened it, once every session is closed.
 */
public final class TrainingEngine implements AutoCloseable {
  /** The thread that opened the engine, the only one that may close it. */
  private final Thread owner = Thread.currentThread();

  /** Held while a session is made: see {@link #newSession}. */
  private static final Object SEEDED_INITIALISATION = new Object();

  private final Torch.DeviceInfo device;
  private final DeviceData data;

  private TrainingEngine(Torch.DeviceInfo device, DeviceData data) {
    this.device = device;
    this.data = data;
  }

  /**
   * Loads the natives (seconds, the first time: never on the UI thread), picks the device and
   * copies the data set onto it.
   *
   * @param threads libtorch's CPU threads; 0 for one per processor
   */
  public static TrainingEngine open(MnistDataSet dataSet, DeviceChoice choice, int threads) {
    Torch.DeviceInfo device = Torch.selectDevice(choice, threads);
    return new TrainingEngine(device, new DeviceData(dataSet, device));
  }

  /**
   * A new run from its seed. A session seeds libtorch's one global generator and draws its initial
   * weights from it, so two sessions made at once on two threads (the comparison's runs, the live
   * run) would take each other's numbers: one is made at a time.
   */
  public TrainingSession newSession(Hyperparameters hyperparameters) {
    synchronized (SEEDED_INITIALISATION) {
      return new TrainingSession(data, device, hyperparameters.validated());
    }
  }

  /**
   * The libtorch the app trains with, as its JavaCPP package names it (e.g. "2.7.1-1.5.12"), or
   * "unknown"; read without loading the natives.
   */
  public static String libtorchVersion() {
    try (java.io.InputStream in =
        TrainingEngine.class.getResourceAsStream(
            "/META-INF/maven/org.bytedeco/pytorch/pom.properties")) {
      if (in != null) {
        java.util.Properties properties = new java.util.Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      }
    } catch (java.io.IOException e) {
      // the version only informs
    }
    Package bytedeco = org.bytedeco.pytorch.Module.class.getPackage();
    String version = bytedeco == null ? null : bytedeco.getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  /** "cpu" or "cuda". */
  public String deviceName() {
    return device.name();
  }

  /** For a status line, e.g. "CPU with 2 threads": a message, put into words by who shows it. */
  public Message deviceDescription() {
    return device.describe();
  }

  public int threads() {
    return device.threads();
  }

  DeviceData data() {
    return data;
  }

  Torch.DeviceInfo device() {
    return device;
  }

  public int testCount() {
    return data.testCount;
  }

  @Override
  public void close() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "an engine opened on thread "
              + owner.getName()
              + " was closed from thread "
              + Thread.currentThread().getName());
    }
    data.trainImages.close();
    data.trainLabels.close();
    data.testImages.close();
    data.testLabels.close();
  }
}
