package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real headless browser: {@code tally demo --http-port 0} runs from the
 * built jar in its own JVM, Debian's chromium opens the page while the demo counts, and once
 * both paths have caught up, every number the page shows must equal what the API answers.
 * A screenshot is kept in {@code target/screenshots/dashboard.png}.
 *
 * <p>Skipped, saying why, where chromium or chromedriver is missing (.ci/ensure-chromium
 * installs them where it can).
 */
class DashboardBrowserIT {

    private static final Logger log = LoggerFactory.getLogger(DashboardBrowserIT.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path JAR = Path.of("target", "tally.jar");
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern DASHBOARD = Pattern.compile("demo: dashboard at (\\S+)");
    private static final Pattern BROKER = Pattern.compile("demo: broker ready at (\\S+) in");

    @TempDir
    Path browserProfile;

    private Process demo;
    private final List<Thread> readers = new ArrayList<>();
    private final CompletableFuture<String> url = new CompletableFuture<>();
    private final CompletableFuture<String> bootstrap = new CompletableFuture<>();
    private final CompletableFuture<Boolean> serving = new CompletableFuture<>();
    private final StringBuffer output = new StringBuffer();
    private ChromeDriver browser;

    @BeforeEach
    void needChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "Needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "); run .ci/ensure-chromium, or apt-get install chromium chromium-driver.");
        assertThat(JAR).as("the jar that mvn package builds").exists();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(90, TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void shouldDrawTheChartsAndShowTheSameNumbersAsTheApi() throws Exception {
        startDemo();
        String base = url.get(DEMO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        browser = startBrowser();
        browser.get(base);

        new WebDriverWait(browser, PAGE_TIMEOUT).withMessage("the charts to draw")
            .until(page -> script("return document.querySelectorAll('.uplot canvas').length")
                .equals(4L) && ((Number) script("return window.tallyDashboard.draws"))
                .longValue() > 0);
        assertThat(serving.get(DEMO_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            .as(output.toString()).isTrue();
        new WebDriverWait(browser, PAGE_TIMEOUT).withMessage("the page to show the API's numbers")
            .until(page -> pageAgreesWithApi(base));

        assertThat(pageAgreesWithApi(base)).isTrue();
        assertBothPathsAgreeWithTallyCounts(base);
        saveScreenshot();
        logRefreshRate();
    }

    private void startDemo() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        demo = new ProcessBuilder(java, "-Xmx1g", "-jar", JAR.toString(), "demo",
            "--lines", "20000", "--http-port", "0").start();
        demo.getOutputStream().close();
        readers.add(reader(demo.getErrorStream(), "demo-stderr"));
        readers.add(reader(demo.getInputStream(), "demo-stdout"));
        readers.forEach(Thread::start);
        demo.onExit().thenRun(() -> {
            url.completeExceptionally(new AssertionError("demo exited: " + output));
            serving.complete(false);
        });
    }

    /** Reads one output of the demo, noting the lines the test waits for. */
    private Thread reader(InputStream stream, String name) {
        return new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream,
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    complete(url, DASHBOARD.matcher(line));
                    complete(bootstrap, BROKER.matcher(line));
                    if (line.startsWith("Serving both paths at")) {
                        serving.complete(true);
                    }
                }
            } catch (IOException e) {
                // The demo ended; what it printed is in the output.
            }
        }, name);
    }

    private static void complete(CompletableFuture<String> future, Matcher matcher) {
        if (matcher.find()) {
            future.complete(matcher.group(1));
        }
    }

    private ChromeDriver startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1300,1500",
            "--user-data-dir=" + browserProfile);
        // The driver is named outright, so Selenium Manager never looks for one online.
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
        return new ChromeDriver(service, options);
    }

    /**
     * The text the page shows now, read in one script so that a refresh cannot change it
     * half-way: per path, the top words and their counts, and two figures.
     */
    private static final String READ_PAGE = "var out = {};"
        + "['streams', 'shared'].forEach(function (p) {"
        + "  out[p] = {"
        + "    top: Array.from(document.querySelectorAll('#' + p + '-top tbody tr'))"
        + "      .map(function (r) { return [r.querySelector('td.word').textContent,"
        + "        r.querySelector('td.count').textContent]; }),"
        + "    words: document.getElementById(p + '-words').textContent,"
        + "    records: document.getElementById(p + '-records').textContent };"
        + "});"
        + "return JSON.stringify(out);";

    /** Whether every figure and top word the page shows is what the API says now. */
    private boolean pageAgreesWithApi(String base) {
        try {
            JsonNode page = JSON.readTree((String) script(READ_PAGE));
            String metrics = get(base + "metrics");
            for (String path : List.of("streams", "shared")) {
                JsonNode shown = page.get(path);
                List<Map.Entry<String, Long>> top = new ArrayList<>();
                shown.get("top").forEach(row -> top.add(Map.entry(row.get(0).asText(),
                    shownNumber(row.get(1).asText()))));
                if (!top.equals(rows(JSON.readTree(get(base + "top?n=10&path=" + path))))
                        || shownNumber(shown.get("words").asText()) != sample(metrics,
                            "tally_words_counted_total{path=\"" + path + "\"}")
                        || shownNumber(shown.get("records").asText()) != sample(metrics,
                            "tally_records_in_total{path=\"" + path + "\"}")) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** A count as the page prints it, with thousands separators. */
    private static long shownNumber(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private void assertBothPathsAgreeWithTallyCounts(String base) throws Exception {
        String cluster = bootstrap.get(1, TimeUnit.SECONDS);
        for (String path : List.of("streams", "shared")) {
            CliRun counts = CliRun.run("counts", "-b", cluster, "--source", path, "--top", "10",
                "--format", "json");
            assertThat(counts.exitCode()).as(counts.err()).isZero();
            assertThat(rows(JSON.readTree(counts.out())))
                .isEqualTo(rows(JSON.readTree(get(base + "top?n=10&path=" + path))));
        }
        String topWord = rows(JSON.readTree(get(base + "top?n=1&path=shared"))).get(0).getKey();
        JsonNode both = JSON.readTree(get(base + "counts/" + topWord.toUpperCase()));
        assertThat(both.get("counts").get("streams").asLong())
            .isEqualTo(both.get("counts").get("shared").asLong()).isPositive();
    }

    private static List<Map.Entry<String, Long>> rows(JsonNode array) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>();
        array.forEach(row -> rows.add(Map.entry(row.get("word").asText(),
            row.get("count").asLong())));
        return rows;
    }

    private static long sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
            .map(line -> (long) Double.parseDouble(line.substring(series.length() + 1)))
            .findFirst().orElse(-1L);
    }

    private static String get(String uri) throws IOException {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(uri + " answered " + answer.statusCode() + ": "
                    + answer.body());
            }
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private void saveScreenshot() throws IOException {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    /** How often the page refreshed, for the record: timing is never asserted. */
    private void logRefreshRate() {
        Object intervals = script("return window.tallyDashboard.intervals");
        Object refreshes = script("return window.tallyDashboard.refreshes");
        log.info("Dashboard refreshed {} times; intervals between refreshes (ms): {}",
            refreshes, intervals);
    }
}
