package dev.cheeseshop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.auth.Authenticator;
import dev.cheeseshop.upload.UploadProblem;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ExposureTest {
    @Test
    void theThreeSpellingsInAnyCase() {
        assertThat(Exposure.parse("off")).isEqualTo(Exposure.OFF);
        assertThat(Exposure.parse("Public")).isEqualTo(Exposure.PUBLIC);
        assertThat(Exposure.parse(" ADMIN ")).isEqualTo(Exposure.ADMIN);
        assertThat(Exposure.ADMIN.label()).isEqualTo("admin");
    }

    @Test
    void anythingElseIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> Exposure.parse("yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'yes' is not one of off, public, admin");
        assertThatThrownBy(() -> Exposure.parse("on\nx")).hasMessage("'on?x' is not one of off, public, admin");
        assertThatThrownBy(() -> Exposure.parse("")).hasMessage("'' is not one of off, public, admin");
    }

    /** The documented closed sets of labels are the ones the code can produce, no more and no fewer. */
    @Test
    void theLabelSetsCoverEveryReasonTheCodeHas() {
        assertThat(Metrics.UPLOAD_REFUSALS).doesNotHaveDuplicates()
                .containsAll(Arrays.stream(UploadProblem.Reason.values()).map(UploadProblem.Reason::label).toList())
                .hasSize(UploadProblem.Reason.values().length + 3)
                .contains("credentials", "throttled", "busy");
        assertThat(Metrics.LOGIN_REFUSALS).containsExactlyInAnyOrderElementsOf(Arrays.stream(
                Authenticator.Refusal.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    }
}
