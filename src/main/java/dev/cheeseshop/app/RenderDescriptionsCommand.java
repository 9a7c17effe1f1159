package dev.cheeseshop.app;

import dev.cheeseshop.description.DescriptionBackfill;
import dev.cheeseshop.description.DescriptionRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code render-descriptions}: store the rendered description of every release that has none
 * (uploaded before descriptions were stored), once, after an upgrade.
 */
@Command(name = "render-descriptions", mixinStandardHelpOptions = true,
        description = {"Render and store the description of every release that has none stored: those uploaded"
                + " before Cheeseshop stored descriptions at upload, whose pages otherwise render them each time."
                + " Safe beside a running server; run again, it carries on where it stopped.",
            "Prints a summary: how many were stored, and how many of them are shown as plain text."})
final class RenderDescriptionsCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        try (Application app = data.open()) {
            DescriptionBackfill.Report report = new DescriptionBackfill(app.store(), new DescriptionRenderer())
                    .run(progress.open("render-descriptions", app.clock()));
            System.out.println(report.rendered() + " release descriptions rendered and stored"
                    + (report.fellBack() == 0 ? "" : ", " + report.fellBack()
                            + " of them as plain text (their reStructuredText did not render)"));
            return 0;
        }
    }
}
