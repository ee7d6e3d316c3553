package io.regalia.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void shouldDropNulAndReplaceUnpairedSurrogatesKeepingEverythingElse() {
        assertThat(StorableText.of("CVE-\u00002099-\u00000001")).isEqualTo("CVE-2099-0001");
        assertThat(StorableText.of("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.of("\uDC00a\uD83D")).isEqualTo("\uFFFDa\uFFFD");
        assertThat(StorableText.of("rocket \uD83D\uDE80\u0000 ünï")).isEqualTo("rocket \uD83D\uDE80 ünï");
        assertThat(StorableText.of("\u0000")).isEmpty();
        assertThat(StorableText.of(null)).isNull();
    }

    @Test
    void shouldReturnTextThatHoldsNeitherAsItIs() {
        String text = "plain ünïcødé — 証明書";
        assertThat(StorableText.of(text)).isSameAs(text);
    }
}
