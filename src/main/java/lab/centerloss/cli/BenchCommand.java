package lab.centerloss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.RenderBenchmark;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.TrainingBenchmark;
import lab.centerloss.train.TrainingEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: milliseconds per training step, printed as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training speed: ms per step of lite and paper, and the trainer's overhead over a bare libtorch loop.",
                "With --render: the time to draw one frame of the feature plane off screen instead."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured steps first (default: 20).")
    int warmup;

    @Option(names = "--measure", defaultValue = "100", description = "Measured steps of each loop (default: 100).")
    int measure;

    @Option(names = "--models", split = ",", defaultValue = "lite,paper", description = "Models to measure (default: lite,paper).")
    List<ModelSize> models;

    @Option(names = "--render", description = "Measure drawing instead: one frame of the plane with --points points, off screen.")
    boolean render;

    @Option(names = "--points", defaultValue = "10000", description = "Points per frame with --render (default: 10000).")
    int points;

    @Option(names = "--size", defaultValue = "1280x720", description = "Frame size with --render (default: 1280x720).")
    String size;

    @Override
    public Integer call() throws Exception {
        if (render) {
            return renderBenchmark();
        }
        if (warmup < 0 || measure < 10) {
            throw new UserError("--warmup must be 0 or more and --measure 10 or more.");
        }
        training.check();
        int batchSize = training.batchSize != null ? training.batchSize : 128;
        long loadStart = System.nanoTime();
        MnistDataSet dataSet = TrainCommand.loadData(training.dataFolder());
        double loadMillis = (System.nanoTime() - loadStart) / 1e6;
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        // reading, checksumming and decoding the four files into arrays (the JVM's first use of that code)
        root.put("data_load_ms", loadMillis);
        try (TrainingEngine engine = TrainingEngine.open(dataSet, training.device, training.threads)) {
            root.put("device", engine.deviceName());
            root.put("threads", engine.threads());
            root.put("batch_size", batchSize);
            ArrayNode results = root.putArray("models");
            for (ModelSize model : models) {
                TrainingBenchmark.Result r = TrainingBenchmark.measure(engine, model, batchSize, warmup, measure);
                ObjectNode node = results.addObject();
                node.put("model", model.id());
                node.put("steps", r.steps());
                node.put("trainer_ms_per_step_median", r.sessionMedianMs());
                node.put("trainer_ms_per_step_p90", r.sessionP90Ms());
                node.put("bare_ms_per_step_median", r.bareMedianMs());
                node.put("bare_ms_per_step_p90", r.bareP90Ms());
                node.put("trainer_overhead_percent", r.overheadPercent());
            }
        }
        spec.commandLine().getOut().println(mapper.writeValueAsString(root));
        return 0;
    }

    private int renderBenchmark() throws Exception {
        int[] dimensions = RenderCommand.parseSize(size);
        if (points < 1 || measure < 10) {
            throw new UserError("--points must be 1 or more and --measure 10 or more.");
        }
        HeadlessFx.start();
        RenderBenchmark.Result r = RenderBenchmark.measure(dimensions[0], dimensions[1], points, warmup, measure);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("what", "one frame of the feature plane drawn off screen (drawing calls + rasterization)");
        root.put("pipeline", "JavaFX software renderer, Monocle headless");
        root.put("width", r.width());
        root.put("height", r.height());
        root.put("points", r.points());
        root.put("centers", 10);
        root.put("frames", r.frames());
        root.put("frame_ms_median", r.medianMs());
        root.put("frame_ms_p95", r.p95Ms());
        // Export as the recording does it: draw + capture on the FX thread, PNG on two workers.
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("center-loss-lab-bench");
        try {
            RenderBenchmark.ExportResult export = RenderBenchmark.measureExport(1280, 720, points, measure, 2, folder);
            ObjectNode node = root.putObject("frame_export");
            node.put("what", "frames drawn, captured and written as PNG files, 1280x720, " + points + " points");
            node.put("frames", export.frames());
            node.put("png_encoder_threads", export.encoders());
            node.put("frames_per_second", export.framesPerSecond());
        } finally {
            try (var files = java.nio.file.Files.list(folder)) {
                for (java.nio.file.Path file : files.toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
            java.nio.file.Files.delete(folder);
        }
        spec.commandLine().getOut().println(mapper.writeValueAsString(root));
        return 0;
    }
}
