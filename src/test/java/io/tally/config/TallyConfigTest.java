package io.tally.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TallyConfigTest {

    @TempDir
    Path folder;

    @Test
    void shouldUseTheProductDefaultsWhenNothingIsSet() {
        TallyConfig config = TallyConfig.defaults();

        assertThat(config.inputTopic()).isEqualTo("text-lines");
        assertThat(config.streamsCountsTopic()).isEqualTo("word-counts");
        assertThat(config.sharedCountsTopic()).isEqualTo("word-counts-shared");
        assertThat(config.deadLetterTopic()).isEqualTo("text-lines-dlq");
        assertThat(config.topicPartitions()).isEqualTo(4);
        assertThat(config.wordMaxLength()).isEqualTo(100);
        assertThat(config.sharedStrategy()).isEqualTo("locked-map");
        assertThat(config.clientProperties()).isEmpty();
    }

    @Test
    void shouldLetTheFileOverrideDefaultsAndSetOverrideTheFile() throws IOException {
        Path file = folder.resolve("tally.properties");
        Files.writeString(file, "tally.topic.input=from-file\ntally.topic.partitions=7\n");

        TallyConfig config = TallyConfig.load(file, Map.of("tally.topic.partitions", "9"));

        assertThat(config.inputTopic()).isEqualTo("from-file");
        assertThat(config.topicPartitions()).isEqualTo(9);
    }

    @Test
    void shouldPassNonTallyKeysToTheKafkaClientsUntouched() {
        TallyConfig config = TallyConfig.fromProperties(Map.of(
            "security.protocol", "SASL_PLAINTEXT", "linger.ms", "5",
            "tally.topic.input", "lines"));

        assertThat(config.clientProperties())
            .containsOnly(Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("linger.ms", "5"));
    }

    @Test
    void shouldRejectABadValueWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> TallyConfig.fromProperties(
                Map.of(TallyConfig.TOPIC_PARTITIONS_CONFIG, "zero")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("tally.topic.partitions").hasMessageContaining("zero");
        assertThatThrownBy(() -> TallyConfig.fromProperties(
                Map.of(TallyConfig.WORD_MAX_LENGTH_CONFIG, "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("tally.word.max.length");
        assertThatThrownBy(() -> TallyConfig.fromProperties(
                Map.of(TallyConfig.SHARED_STRATEGY_CONFIG, "spinlock")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("tally.shared.strategy");
    }

    @Test
    void shouldRejectAnUnknownTallyKeyAndListTheKnownOnes() {
        assertThatThrownBy(() -> TallyConfig.fromProperties(Map.of("tally.topic.inptu", "x")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("tally.topic.inptu")
            .hasMessageContaining(TallyConfig.INPUT_TOPIC_CONFIG);
    }

    @Test
    void shouldExplainAMissingConfigFile() {
        Path missing = folder.resolve("nope.properties");

        assertThatThrownBy(() -> TallyConfig.load(missing, Map.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(missing.toString()).hasMessageContaining("--config");
    }

    @Test
    void shouldDocumentEveryKeyWithItsDefaultInTheShippedPropertiesFile() throws IOException {
        String shipped = Files.readString(Path.of("config", "tally.properties"));

        for (ConfigDef.ConfigKey key : TallyConfig.definition().configKeys().values()) {
            assertThat(shipped).as("config/tally.properties documents %s", key.name)
                .contains("#" + key.name + "=" + key.defaultValue);
        }
    }

    @Test
    void shouldAcceptTheShippedPropertiesFileAsItIs() {
        TallyConfig config = TallyConfig.load(Path.of("config", "tally.properties"), Map.of());

        assertThat(config.inputTopic()).isEqualTo("text-lines");
    }
}
