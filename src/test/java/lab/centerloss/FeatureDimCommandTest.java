package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --feature-dim}: the files of a 16-D run, and the sizes it refuses. */
class FeatureDimCommandTest {
  @Test
  @DisplayName(
      "--feature-dim 16: the metrics say so, --features-out has 16 columns, --pairs-out's scores are of the 16-D features")
  void sixteenDimensions(@TempDir Path dir) throws Exception {
    Path metrics = dir.resolve("m.json");
    Path features = dir.resolve("f.csv");
    Path pairs = dir.resolve("p.csv");
    CommandLineTest.Run run =
        CommandLineTest.run(
            "train",
            "--feature-dim",
            "16",
            "--known",
            "2,3,4,5,8,9",
            "--steps",
            "5",
            "--probe-size",
            "200",
            "--quiet",
            "--metrics",
            metrics.toString(),
            "--features-out",
            features.toString(),
            "--pairs-out",
            pairs.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(metrics.toFile());
    assertThat(m.get("feature_dim").asInt()).isEqualTo(16);
    assertThat(m.get("centers")).hasSize(6);
    assertThat(m.get("centers").get(0)).hasSize(16);
    assertThat(m.at("/verification/unseen/cosine/auc").isNumber()).isTrue();

    List<String> rows = Files.readAllLines(features);
    String[] header = rows.get(0).split(",");
    assertThat(header).startsWith("index", "label", "known", "f1");
    assertThat(header[3 + 15]).isEqualTo("f16");
    assertThat(header[3 + 16]).isEqualTo("predicted");
    assertThat(rows.get(1).split(",")).hasSameSizeAs(header);

    List<String> pairLines = Files.readAllLines(pairs);
    for (String line : pairLines.subList(1, 101)) {
      String[] p = line.split(",");
      double[] a = vector(rows.get(Integer.parseInt(p[0]) + 1));
      double[] b = vector(rows.get(Integer.parseInt(p[1]) + 1));
      double dot = 0;
      double aa = 0;
      double bb = 0;
      double squared = 0;
      for (int k = 0; k < 16; k++) {
        dot += a[k] * b[k];
        aa += a[k] * a[k];
        bb += b[k] * b[k];
        squared += (a[k] - b[k]) * (a[k] - b[k]);
      }
      assertThat(Double.parseDouble(p[3])).isCloseTo(dot / Math.sqrt(aa * bb), within(1e-5));
      assertThat(Double.parseDouble(p[4])).isCloseTo(Math.sqrt(squared), within(1e-4));
    }
  }

  private static double[] vector(String row) {
    String[] c = row.split(",");
    double[] v = new double[16];
    for (int k = 0; k < 16; k++) {
      v[k] = Double.parseDouble(c[3 + k]);
    }
    return v;
  }

  @Test
  @DisplayName("--feature-dim 1 or 600: one sentence, exit 2, nothing trained")
  void outOfRange() {
    for (String d : new String[] {"1", "600"}) {
      CommandLineTest.Run run = CommandLineTest.run("train", "--feature-dim", d, "--steps", "3");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip())
          .isEqualTo(
              "The feature size must be a whole number between 2 and 512 (it is " + d + ").");
      assertThat(run.out()).isEmpty();
    }
  }
}
