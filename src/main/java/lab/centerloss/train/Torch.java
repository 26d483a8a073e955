package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.cuda_is_available;
import static org.bytedeco.pytorch.global.torch.from_blob;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import lab.centerloss.text.Explained;
import lab.centerloss.text.Message;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Loading libtorch and moving arrays in and out of tensors. Call only from the trainer's thread.
 */
final class Torch {
  private static volatile boolean loaded;

  private Torch() {}

  /**
   * Unpacks and loads the natives (1.4 s warm, 2.7 s cold). The resources are cached before the
   * first torch class is touched so that the dynamic linker takes our libtorch and not one
   * installed system-wide (with Debian's libtorch installed and an empty cache, the JVM crashed
   * while loading otherwise).
   */
  static synchronized void load() {
    if (loaded) {
      return;
    }
    try {
      Loader.cacheResources("/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
    } catch (IOException e) {
      throw new CannotUnpack(e);
    }
    loadedLibrary = String.valueOf(Loader.load(torch.class));
    loaded = true;
  }

  /** The file of the libtorch natives that were loaded: the GPU build's names end in -gpu. */
  private static volatile String loadedLibrary = "";

  /** Whether this build carries libtorch's CUDA natives at all (the -Pgpu build does). */
  static boolean gpuNativesBundled() {
    return Torch.class.getResource("/org/bytedeco/pytorch/" + Loader.getPlatform() + "-gpu/")
        != null;
  }

  /**
   * Why CUDA cannot be used here, in the order a teacher would fix it: the build, the CUDA
   * libraries, the driver, a device.
   */
  static Message whyNoCuda() {
    if (!gpuNativesBundled()) {
      return Message.of("device.noCudaBuild");
    }
    if (!loadedLibrary.contains("-gpu")) {
      return Message.of("device.noCudaLibraries");
    }
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        && !Files.exists(Path.of("/proc/driver/nvidia/version"))) {
      return Message.of("device.noDriver");
    }
    return Message.of("device.noDevice");
  }

  /** The device for a choice of "auto", "cpu" or "cuda"; sets the CPU thread count. */
  static DeviceInfo selectDevice(DeviceChoice choice, int threads) {
    load();
    boolean cuda =
        switch (choice) {
          case CPU -> false;
          case CUDA -> {
            if (!cuda_is_available()) {
              throw new DeviceUnavailableException(whyNoCuda());
            }
            yield true;
          }
          case AUTO -> cuda_is_available();
        };
    int cpuThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    // libtorch picks 1 thread on our 2-core machines; a step is nearly twice as fast with 2.
    set_num_threads(cpuThreads);
    if (cuda) {
      return new DeviceInfo(new Device(DeviceType.CUDA), "cuda", cpuThreads);
    }
    return new DeviceInfo(new Device(DeviceType.CPU), "cpu", cpuThreads);
  }

  record DeviceInfo(Device device, String name, int threads) {
    boolean isCuda() {
      return device.is_cuda();
    }

    /** For a status line, e.g. "CPU with 2 threads", in the language of whoever shows it. */
    Message describe() {
      return isCuda() ? Message.of("device.cuda") : Message.of("device.cpu", threads);
    }
  }

  /** A float tensor holding a copy of {@code data}. */
  static Tensor floats(float[] data, long... shape) {
    try (FloatPointer pointer = new FloatPointer(data)) {
      return from_blob(pointer, shape, new TensorOptions(ScalarType.Float)).clone();
    }
  }

  /** A long (int64) tensor holding a copy of {@code data}, as class labels and indices want. */
  static Tensor longs(long[] data) {
    try (LongPointer pointer = new LongPointer(data)) {
      return from_blob(pointer, new long[] {data.length}, new TensorOptions(ScalarType.Long))
          .clone();
    }
  }

  /** Unsigned bytes as a uint8 tensor of the given shape (a copy). */
  /**
   * Unsigned bytes from Java as a new tensor of another type on the device: one copy, made by the
   * conversion itself (no intermediate byte tensor).
   */
  static Tensor fromUnsignedBytes(byte[] data, Device device, ScalarType type, long... shape) {
    try (BytePointer pointer = new BytePointer(data)) {
      return from_blob(pointer, shape, new TensorOptions(ScalarType.Byte)).to(device, type);
    }
  }

  /**
   * libtorch's own sentence from one of its errors, without the C++ backtrace it appends
   * ("Exception raised from ... frame #0: ..."), which means nothing on a teacher's screen.
   */
  /** The natives could not be copied out of the jar into the cache. */
  private static final class CannotUnpack extends UncheckedIOException implements Explained {
    private static final Message REASON = Message.of("trainer.cannotUnpack");

    CannotUnpack(IOException cause) {
      super(REASON.key(), cause);
    }

    @Override
    public String getMessage() {
      return REASON.render();
    }

    @Override
    public Message reason() {
      return REASON;
    }
  }

  /** What to say of a failure: our message, or libtorch's sentence without its backtrace. */
  static Object errorReason(Throwable e) {
    return Explained.reasonOf(e, errorMessage(e));
  }

  static String errorMessage(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int backtrace = message.indexOf("Exception raised from");
    String sentence = (backtrace >= 0 ? message.substring(0, backtrace) : message).strip();
    return sentence.isEmpty() ? e.getClass().getSimpleName() : sentence;
  }

  /** A fresh Java copy of a float tensor's values, in row-major order. */
  static float[] toFloats(Tensor tensor) {
    Tensor cpu = tensor.detach().to(ScalarType.Float).contiguous().cpu();
    float[] values = new float[(int) cpu.numel()];
    cpu.data_ptr_float().get(values);
    return values;
  }

  static long[] toLongs(Tensor tensor) {
    Tensor cpu = tensor.detach().to(ScalarType.Long).contiguous().cpu();
    long[] values = new long[(int) cpu.numel()];
    cpu.data_ptr_long().get(values);
    return values;
  }
}
