package lab.centerloss.lesson;

/** The side bar's panels a lesson can show. */
public enum LessonTab {
  CONTROLS("controls", "controls.tab"),
  CENTER_UPDATE("center-update", "step.tab"),
  MARGINS("margins", "margin.tab"),
  OPEN_SET("open-set", "openset.tab"),
  EXPORT("export", "export.tab");

  private final String id;
  private final String titleKey;

  LessonTab(String id, String titleKey) {
    this.id = id;
    this.titleKey = titleKey;
  }

  /** How lesson files name it. */
  public String id() {
    return id;
  }

  /** The message key of the tab's title in the window. */
  public String titleKey() {
    return titleKey;
  }
}
