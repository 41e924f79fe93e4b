/**
 * JMH microbenchmarks of the tokenizer and of the shared-map strategies, kept out of the
 * normal build: they compile only with the {@code jmh} Maven profile.
 *
 * <p>Build the runnable jar once, then run what you need:
 * <pre>
 * mvn -B -q -Pjmh package -DskipTests
 * java -jar target/benchmarks.jar TokenizerBenchmark
 * java -jar target/benchmarks.jar SharedCounterBenchmark -t 2 -p skew=zipf1.0
 * java -jar target/benchmarks.jar HashMapBaselineBenchmark -p skew=zipf1.0
 * </pre>
 *
 * <p>{@code SharedCounterBenchmark} takes its thread count from JMH's {@code -t} option
 * (one thread when it is left out); narrow it with {@code -p strategy=striped} or
 * {@code -p skew=hot}. Every benchmark reports words per second. The built-in defaults (one
 * fork, 3 warm-up and 5 measured iterations of 2 s) suit a quick comparison; for numbers to
 * publish, add forks ({@code -f}) and run on an otherwise idle machine.
 * {@code java -jar target/benchmarks.jar -h} lists JMH's options.
 */
package io.tally.bench.jmh;
