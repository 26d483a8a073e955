package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation a newcomer reads has no dead ends: every relative link and image in README*.md
 * and docs/*.md names a file that exists, and a link to a heading ({@code file.md#heading}) names a
 * heading that file has, by the anchors GitHub gives headings. Links to other sites are not
 * followed (the build runs without a network).
 */
class DocsLinksTest {
  /** {@code [text](target)} and {@code ![alt](target)}, the text allowing one level of brackets. */
  private static final Pattern LINK =
      Pattern.compile(
          "!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  /** A scheme (https:, mailto:): a link out of the repository. */
  private static final Pattern EXTERNAL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");

  @Test
  void everyRelativeLinkAndImageLeadsToWhatItNames() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    List<Path> pages = pages(root);
    assertThat(pages)
        .as("the README and the docs, seen from " + root)
        .contains(root.resolve("README.md"), root.resolve("README.zh-CN.md"))
        .anyMatch(page -> page.getParent().equals(root.resolve("docs")));
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      broken.addAll(brokenLinks(page, root));
    }
    assertThat(broken).as("links and images that lead nowhere").isEmpty();
  }

  @Test
  void theCheckFindsAMissingFileAMissingHeadingAndNothingElse(@TempDir Path folder)
      throws IOException {
    Files.createDirectories(folder.resolve("docs"));
    Files.writeString(folder.resolve("docs/guide.md"), "# The guide\n\n## Run files (`.clab`)\n");
    Files.writeString(folder.resolve("docs/picture.png"), "not really a picture");
    Files.writeString(
        folder.resolve("README.md"),
        String.join(
            "\n",
            "# Front page",
            "![a picture](docs/picture.png) and [the guide](docs/guide.md#run-files-clab),",
            "[the web](https://example.org/nothing), [here](#front-page), [below](#front-page-1)",
            "![gone](docs/gone.png) and [a wrong heading](docs/guide.md#run-file)",
            "```",
            "[inside a code block](nowhere.md)",
            "```",
            "`[inline code](nowhere.md)`",
            "# Front page"));
    assertThat(brokenLinks(folder.resolve("README.md"), folder))
        .containsExactly(
            "README.md:4: docs/gone.png (no such file)",
            "README.md:4: docs/guide.md#run-file (no such heading)");
  }

  @Test
  void headingsGetGitHubsAnchors() {
    assertThat(
            anchors(
                List.of(
                    "# Center Loss Lab",
                    "## Run files (`.clab`, format version 1)",
                    "## Open set: why any of this matters",
                    "## 验证：是同一个吗？",
                    "## Open set: why any of this matters",
                    "### The [web page](x.md) for students")))
        .containsExactly(
            "center-loss-lab",
            "run-files-clab-format-version-1",
            "open-set-why-any-of-this-matters",
            "验证是同一个吗",
            "open-set-why-any-of-this-matters-1",
            "the-web-page-for-students");
  }

  private static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> top = Files.list(root)) {
      top.filter(p -> p.getFileName().toString().matches("README.*\\.md"))
          .sorted()
          .forEach(pages::add);
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> inDocs = Files.list(docs)) {
        inDocs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
      }
    }
    return pages;
  }

  /** "file:line: target (why)" for each relative link or image of {@code page} that is broken. */
  static List<String> brokenLinks(Path page, Path root) throws IOException {
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchorsOf = new HashMap<>();
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (link.find()) {
        String target = link.group(1);
        if (EXTERNAL.matcher(target).find()) {
          continue;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved =
            file.isEmpty()
                ? page
                : page.getParent()
                    .resolve(URLDecoder.decode(file.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .normalize();
        String where = root.relativize(page) + ":" + (i + 1) + ": " + target;
        if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (!anchor.isEmpty() && resolved.toString().endsWith(".md")) {
          Set<String> anchors =
              anchorsOf.computeIfAbsent(
                  resolved,
                  p ->
                      anchors(readLines(p)).stream()
                          .collect(LinkedHashSet::new, Set::add, Set::addAll));
          if (!anchors.contains(anchor)) {
            broken.add(where + " (no such heading)");
          }
        }
      }
    }
    return broken;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /**
   * The anchors of a page's headings, in order, as GitHub makes them: the heading's text (code
   * marks dropped, a link's text kept) in lower case, every character that is not a letter, a
   * digit, a space, a hyphen or an underscore removed, each space a hyphen; a repeated anchor gets
   * -1, -2, ...
   */
  static List<String> anchors(List<String> lines) {
    List<String> anchors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (inFence || !heading.matches()) {
        continue;
      }
      String text = heading.group(1).replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
      StringBuilder slug = new StringBuilder();
      text.toLowerCase(Locale.ROOT)
          .codePoints()
          .forEach(
              c -> {
                if (c == ' ') {
                  slug.append('-');
                } else if (Character.isLetterOrDigit(c)
                    || c == '-'
                    || c == '_'
                    || Character.getType(c) == Character.NON_SPACING_MARK) {
                  slug.appendCodePoint(c);
                }
              });
      String base = slug.toString();
      int count = seen.merge(base, 1, Integer::sum);
      anchors.add(count == 1 ? base : base + "-" + (count - 1));
    }
    return anchors;
  }
}
