package io.tally.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** How word frequencies are spread in a bench workload. */
public enum Skew {
    /** Every word of the vocabulary equally likely. */
    UNIFORM("uniform", 0.0, 0.0),
    /** Zipf with exponent 1.0, close to natural-language text. */
    ZIPF_1_0("zipf1.0", 1.0, 0.0),
    /** Zipf with exponent 1.5: a few words dominate. */
    ZIPF_1_5("zipf1.5", 1.5, 0.0),
    /** One word is half of all words; the rest are uniform. The worst case for a lock. */
    HOT("hot", 0.0, 0.5);

    private final String label;
    private final double zipfExponent;
    private final double hotShare;

    Skew(String label, double zipfExponent, double hotShare) {
        this.label = label;
        this.zipfExponent = zipfExponent;
        this.hotShare = hotShare;
    }

    public String label() {
        return label;
    }

    public double zipfExponent() {
        return zipfExponent;
    }

    public double hotShare() {
        return hotShare;
    }

    /** The skew named {@code label}, as {@code --skew} takes it. */
    public static Skew of(String label) {
        for (Skew skew : values()) {
            if (skew.label.equals(label)) {
                return skew;
            }
        }
        throw new IllegalArgumentException("Unknown skew '" + label + "'. Choose from "
            + labels() + ".");
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Skew::label).collect(Collectors.toList());
    }
}
