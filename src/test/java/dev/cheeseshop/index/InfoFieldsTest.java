package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.cheeseshop.model.ReleaseMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The info values pypi.org derives from the uploaded metadata instead of showing it as sent. */
class InfoFieldsTest {
    @Test
    void keywordsAreSplitAtCommasStrippedAndRejoined() {
        assertThat(InfoFields.keywords(meta("keywords", "a,b ,  c"))).isEqualTo("a, b, c");
        assertThat(InfoFields.keywords(meta("keywords", "one two"))).isEqualTo("one two");
        assertThat(InfoFields.keywords(meta("keywords", "a,,b,"))).isEqualTo("a, , b, ");
        assertThat(InfoFields.keywords(ReleaseMetadata.EMPTY)).isNull();
    }

    @Test
    void homePageAndDownloadUrlComeFirstAndTheirDuplicatesAreDropped() {
        ReleaseMetadata m = new ReleaseMetadata(Map.of(
                "home_page", List.of("https://h.example"),
                "download_url", List.of("https://d.example"),
                "project_urls", List.of("home-page, https://h.example", "Download URL, https://d.example",
                        "Homepage, https://elsewhere.example", "Source,https://s.example", "Changelog")));
        assertThat(InfoFields.projectUrls(m)).containsExactly(
                entry("Homepage", "https://elsewhere.example"),
                entry("Download", "https://d.example"),
                entry("Source", "https://s.example"),
                entry("Changelog", ""));
    }

    @Test
    void noUrlsAtAllIsNull() {
        assertThat(InfoFields.projectUrls(ReleaseMetadata.EMPTY)).isNull();
        assertThat(InfoFields.projectUrls(meta("project_urls", "Docs, https://docs.example")))
                .containsExactly(entry("Docs", "https://docs.example"));
    }

    @Test
    void labelsNormaliseAsPep753Says() {
        assertThat(InfoFields.normalizeLabel("Home-Page")).isEqualTo("homepage");
        assertThat(InfoFields.normalizeLabel(" Download_URL! ")).isEqualTo("downloadurl");
        assertThat(InfoFields.normalizeLabel("Bug\tTracker")).isEqualTo("bugtracker");
    }

    @Test
    void dynamicFieldNamesAreTitleCasedAsPythonDoes() {
        assertThat(InfoFields.dynamic(new ReleaseMetadata(Map.of("dynamic",
                List.of("license-file", "REQUIRES-DIST", "description-content-type")))))
                .containsExactly("License-File", "Requires-Dist", "Description-Content-Type");
        assertThat(InfoFields.dynamic(ReleaseMetadata.EMPTY)).isNull();
        assertThat(InfoFields.title("x1y zz'q")).isEqualTo("X1Y Zz'Q");
    }

    @Test
    void classifiersFollowTheTroveListsNaturalOrder() {
        // In the order trove_classifiers.sorted_classifiers lists them.
        List<String> trove = List.of(
                "Development Status :: 5 - Production/Stable",
                "Environment :: GPU :: NVIDIA CUDA :: 9.2",
                "Environment :: GPU :: NVIDIA CUDA :: 10.0",
                "Environment :: GPU :: NVIDIA CUDA :: 11",
                "Environment :: GPU :: NVIDIA CUDA :: 11.0",
                "Environment :: GPU :: NVIDIA CUDA :: 12 :: 12.0",
                "Framework :: Django :: 1.9",
                "Framework :: Django :: 1.10",
                "Framework :: Django CMS",
                "Framework :: ZODB",
                "Framework :: Zope",
                "Framework :: Zope2",
                "Framework :: Zope :: 2",
                "Framework :: aiohttp",
                "Programming Language :: Python :: 3.9",
                "Programming Language :: Python :: 3.10");
        List<String> shuffled = new ArrayList<>(trove);
        Collections.reverse(shuffled);
        shuffled.add(shuffled.get(3));
        assertThat(InfoFields.classifiers(new ReleaseMetadata(Map.of("classifiers", shuffled))))
                .containsExactlyElementsOf(trove);
        assertThat(InfoFields.classifiers(ReleaseMetadata.EMPTY)).isEmpty();
    }

    private static ReleaseMetadata meta(String key, String value) {
        return new ReleaseMetadata(Map.of(key, List.of(value)));
    }
}
