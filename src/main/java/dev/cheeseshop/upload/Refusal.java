package dev.cheeseshop.upload;

/** Carries an {@link UploadProblem} out of a transaction, rolling it back. */
final class Refusal extends RuntimeException {
    private final UploadProblem problem;

    Refusal(UploadProblem problem) {
        super(problem.getMessage(), null, false, false);
        this.problem = problem;
    }

    UploadProblem problem() {
        return problem;
    }
}
