/**
 * Progress of long work, as a port ({@link dev.cheeseshop.progress.Progress}) that use cases
 * report to without knowing how it is shown, and {@link dev.cheeseshop.progress.ProgressLines},
 * the plain periodic lines for logs; the terminal's progress bar is {@code app}'s. JDK only.
 */
package dev.cheeseshop.progress;
