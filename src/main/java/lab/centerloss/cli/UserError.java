package lab.centerloss.cli;

/** A problem with what the user gave (an option, a file): reported in one sentence, exit code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
