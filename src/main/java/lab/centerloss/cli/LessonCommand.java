package lab.centerloss.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.LessonStep;
import lab.centerloss.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lesson [NAME|FILE]}: without an argument, the built-in lessons; with one, that lesson as
 * a handout (every step's narration, what it does and its question, in the language chosen). A
 * lesson file that cannot be used is one sentence and exit code 2, so a teacher checks a lesson
 * written at home before class.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "List the built-in lessons, or print one lesson (built-in name or JSON file) as a handout; a lesson file with a problem is one sentence and exit code 2.")
public final class LessonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME|FILE", arity = "0..1",
            description = "A built-in lesson (softmax-alone, center-loss, center-update, margins, open-set) or a lesson file.")
    String lesson;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (lesson == null) {
            for (Lesson builtIn : LessonFile.builtIns()) {
                out.println(Messages.text("lesson.listed", builtIn.name(), builtIn.title().in(Messages.language()),
                        builtIn.steps().size()));
            }
            out.flush();
            return 0;
        }
        Lesson read;
        try {
            read = LessonFile.byNameOrFile(lesson);
        } catch (LessonFile.LessonException e) {
            throw new UserError(e.getMessage());
        }
        out.println(read.title().in(Messages.language()));
        for (int i = 0; i < read.steps().size(); i++) {
            LessonStep step = read.steps().get(i);
            out.println();
            out.println(Messages.text("lesson.progress", i + 1, read.steps().size()));
            out.println(step.narration().in(Messages.language()));
            String does = lab.centerloss.lesson.LessonAction.describe(step.action());
            if (!does.isEmpty()) {
                out.println("→ " + does);
            }
            step.question().ifPresent(q -> out.println(Messages.text("lesson.question", q.in(Messages.language()))));
        }
        out.flush();
        return 0;
    }
}
