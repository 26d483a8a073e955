package lab.centerloss.lesson;

import lab.centerloss.text.Language;

/** A text of a lesson in both languages the app speaks. */
public record LocalizedText(String english, String chinese) {
  public String in(Language language) {
    return language == Language.SIMPLIFIED_CHINESE ? chinese : english;
  }
}
