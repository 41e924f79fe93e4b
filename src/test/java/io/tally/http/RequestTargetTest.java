package io.tally.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void shouldDecodeEachSegmentOnItsOwnAndKeepEncodedSlashesInside() {
        RequestTarget target = RequestTarget.parse("/counts/a%2Fb%20c", null);

        assertThat(target.segments()).containsExactly("counts", "a/b c");
    }

    @Test
    void shouldDecodeMultiByteUtf8AndPlusAsSpaceInTheQueryOnly() {
        RequestTarget target = RequestTarget.parse("/counts/caf%C3%A9+x", "path=a+b&n=%E2%82%AC");

        assertThat(target.segments()).containsExactly("counts", "café+x");
        assertThat(target.params()).isEqualTo(Map.of("path", "a b", "n", "€"));
    }

    @Test
    void shouldTakeTheRootAsNoSegments() {
        assertThat(RequestTarget.parse("/", "").segments()).isEqualTo(List.of());
    }

    @Test
    void shouldRejectAPathThatDoesNotStartWithASlash() {
        assertThatThrownBy(() -> RequestTarget.parse("counts/x", null))
            .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    @Test
    void shouldRoundTripEveryWordThroughThePeerEncoding() {
        List<String> words = List.of("kafka", "don't", "café", "東京", "a b", "100%", "x/y", "😀");
        for (String word : words) {
            String path = "/counts/" + PeerClient.encode(word);

            assertThat(RequestTarget.parse(path, null).segments().get(1)).isEqualTo(word);
        }
    }

    @Test
    void shouldKeepALiteralLetterOutsideTheBasicPlaneBesideAnEscape() {
        String path = "/counts/\uD835\uDC65%C3%A9";

        assertThat(RequestTarget.parse(path, null).segments().get(1)).isEqualTo("\uD835\uDC65é");
    }

    @Test
    void shouldRejectDigitsOfOtherScriptsInAnEscape() {
        assertThatThrownBy(() -> RequestTarget.parse("/counts/%\u0663\u0664", null))
            .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
}
