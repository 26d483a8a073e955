package lab.centerloss.export;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import lab.centerloss.train.StepSnapshot;

/**
 * A run's steps as files: CSV with the losses, accuracies and ten centers of each step, and JSON
 * Lines with everything (the format of the command line's {@code --record}). Written to a temporary
 * file and moved into place, so a cancelled or failed export leaves nothing behind.
 */
public final class StepTables {
  private static final CsvMapper CSV = new CsvMapper();

  private StepTables() {}

  /** Thrown when the user cancelled; nothing was written. */
  public static final class Cancelled extends IOException {
    public Cancelled() {
      super("cancelled");
    }
  }

  public static List<String> csvColumns() {
    List<String> columns =
        new ArrayList<>(
            List.of(
                "step",
                "epoch",
                "head",
                "lambda",
                "alpha",
                "lr",
                "m",
                "loss_softmax",
                "loss_center",
                "loss_total",
                "batch_accuracy",
                "probe_step",
                "probe_accuracy"));
    for (int j = 0; j < 10; j++) {
      columns.add("c" + j + "_x");
      columns.add("c" + j + "_y");
    }
    return columns;
  }

  public static void writeCsv(
      List<StepSnapshot> steps, Path target, DoubleConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    csvColumns().forEach(schema::addColumn);
    write(
        target,
        progress,
        cancelled,
        steps,
        out -> CSV.writerFor(Object[].class).with(schema.build()).writeValues(out),
        (writer, s) -> writer.write(csvRow(s)));
  }

  public static void writeJsonLines(
      List<StepSnapshot> steps, Path target, DoubleConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    write(
        target,
        progress,
        cancelled,
        steps,
        out -> out,
        (out, s) -> {
          out.write(StepRecordJson.toLine(s));
          out.write('\n');
        });
  }

  static Object[] csvRow(StepSnapshot s) {
    List<Object> row = new ArrayList<>();
    var hp = s.hyperparameters();
    row.add(s.step());
    row.add(s.epoch());
    row.add(hp.head().id());
    row.add(hp.lambda());
    row.add(hp.alpha());
    row.add(hp.learningRate());
    row.add(s.marginInForce());
    row.add(finiteOrEmpty(s.scalars().lossSoftmax()));
    row.add(finiteOrEmpty(s.scalars().lossCenter()));
    row.add(finiteOrEmpty(s.scalars().lossTotal()));
    row.add(s.scalars().batchAccuracy());
    row.add(s.probe().map(p -> (Object) p.step()).orElse(""));
    row.add(s.probe().map(p -> (Object) p.accuracy()).orElse(""));
    for (int j = 0; j < s.centers().after().size(); j++) {
      row.add(s.centers().after().x(j));
      row.add(s.centers().after().y(j));
    }
    return row.toArray();
  }

  private static Object finiteOrEmpty(double v) {
    return Double.isFinite(v) ? v : "";
  }

  @FunctionalInterface
  private interface Opener<W> {
    W open(Writer out) throws IOException;
  }

  @FunctionalInterface
  private interface RowWriter<W> {
    void write(W writer, StepSnapshot step) throws IOException;
  }

  private static <W> void write(
      Path target,
      DoubleConsumer progress,
      BooleanSupplier cancelled,
      List<StepSnapshot> steps,
      Opener<W> opener,
      RowWriter<W> rowWriter)
      throws IOException {
    AtomicFile.write(
        target,
        stream -> {
          Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
          W writer = opener.open(out);
          for (int i = 0; i < steps.size(); i++) {
            if (cancelled.getAsBoolean()) {
              throw new Cancelled();
            }
            rowWriter.write(writer, steps.get(i));
            if (i % 64 == 0) {
              progress.accept((double) i / steps.size());
            }
          }
          if (writer instanceof Flushable flushable) {
            flushable.flush();
          }
          out.flush();
        });
    progress.accept(1);
  }
}
