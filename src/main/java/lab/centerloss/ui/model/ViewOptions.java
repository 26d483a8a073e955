package lab.centerloss.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;

/**
 * What the class is shown, shared by the panels: which layers the plane draws, the selected class,
 * presentation mode. The toolbar sets them; the plane, the step-through and the exports read them.
 */
public final class ViewOptions {
  private final BooleanProperty showTest = new SimpleBooleanProperty(true);
  private final BooleanProperty showTrain = new SimpleBooleanProperty(true);
  private final BooleanProperty showTrails = new SimpleBooleanProperty(false);
  private final BooleanProperty showLegend = new SimpleBooleanProperty(true);
  private final BooleanProperty followData = new SimpleBooleanProperty(true);
  private final BooleanProperty presentation = new SimpleBooleanProperty(false);
  private final IntegerProperty selectedClass = new SimpleIntegerProperty(-1);
  private final BooleanProperty comparing = new SimpleBooleanProperty(false);
  private final BooleanProperty projectorTheme = new SimpleBooleanProperty(false);

  /**
   * Setting it puts the language in force ({@link Messages#use}) before any listener hears of it,
   * so that every text bound to it is made again in the new language.
   */
  private final ObjectProperty<Language> language =
      new SimpleObjectProperty<>(Messages.language()) {
        @Override
        protected void invalidated() {
          Messages.use(get());
        }
      };

  private final StringProperty shownTab = new SimpleStringProperty("");
  private final StringProperty highlighted = new SimpleStringProperty("");

  /**
   * Selects a class, or unselects it when it is selected already; -1 or a class out of range
   * unselects.
   */
  public void toggleClass(int classIndex, int classes) {
    selectedClass.set(
        classIndex >= 0 && classIndex < classes && classIndex != selectedClass.get()
            ? classIndex
            : -1);
  }

  public BooleanProperty showTestProperty() {
    return showTest;
  }

  public BooleanProperty showTrainProperty() {
    return showTrain;
  }

  public BooleanProperty showTrailsProperty() {
    return showTrails;
  }

  public BooleanProperty showLegendProperty() {
    return showLegend;
  }

  public BooleanProperty followDataProperty() {
    return followData;
  }

  public BooleanProperty presentationProperty() {
    return presentation;
  }

  /** The light theme for projectors in bright rooms, instead of the dark one. */
  public BooleanProperty projectorThemeProperty() {
    return projectorTheme;
  }

  /** The plane's colors and sizes for the theme and presentation chosen. */
  public PlaneStyle planeStyle() {
    PlaneStyle base = presentation.get() ? PlaneStyle.presentation() : PlaneStyle.normal();
    return base.withDark(!projectorTheme.get());
  }

  /** Whether the window shows the comparison of several runs instead of the one run. */
  public BooleanProperty comparingProperty() {
    return comparing;
  }

  /**
   * The language the window speaks: texts bound to it follow it, and the application rebuilds the
   * window when it changes.
   */
  public ObjectProperty<Language> languageProperty() {
    return language;
  }

  /**
   * The side bar's tab asked for (a lesson shows it), by id: controls, center-update, margins,
   * open-set, export; "" none.
   */
  public StringProperty shownTabProperty() {
    return shownTab;
  }

  /** The id of the control a lesson draws the class's eye to, or "". */
  public StringProperty highlightedControlProperty() {
    return highlighted;
  }

  /** The highlighted class, or -1. */
  public IntegerProperty selectedClassProperty() {
    return selectedClass;
  }
}
