package lab.centerloss.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import lab.centerloss.text.Messages;

/** The file and folder choosers, starting where the last export went. */
public final class FileDialogs {
  private final StringProperty lastFolder = new SimpleStringProperty("");

  /** A file to save to, or null when the user cancelled. */
  public Path saveFile(Node owner, String titleKey, String name, String kindKey, String pattern) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text(titleKey));
    chooser.setInitialFileName(name);
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(Messages.text(kindKey), pattern));
    startIn(chooser::setInitialDirectory);
    File file =
        chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
    return remember(file);
  }

  /** A file to open, or null when the user cancelled. */
  public Path openFile(Node owner, String titleKey, String kindKey, String pattern) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text(titleKey));
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(Messages.text(kindKey), pattern));
    startIn(chooser::setInitialDirectory);
    File file =
        chooser.showOpenDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
    return remember(file);
  }

  /** A folder, or null when the user cancelled. */
  public Path folder(Node owner, String titleKey) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text(titleKey));
    startIn(chooser::setInitialDirectory);
    File folder =
        chooser.showDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
    return folder == null ? null : folder.toPath();
  }

  private void startIn(Consumer<File> setter) {
    File start = new File(lastFolder.get());
    if (!lastFolder.get().isBlank() && start.isDirectory()) {
      setter.accept(start);
    }
  }

  private Path remember(File file) {
    if (file == null) {
      return null;
    }
    if (file.getParentFile() != null) {
      lastFolder.set(file.getParentFile().getPath());
    }
    return file.toPath();
  }

  /** Where the last export went; kept in the user's settings. */
  public StringProperty lastFolderProperty() {
    return lastFolder;
  }
}
