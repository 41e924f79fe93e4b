package io.tally.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves a chart as PNG, for reading, and SVG, for documents that scale it. */
final class ChartFiles {

    private ChartFiles() {
    }

    /** Writes {@code base.png} and {@code base.svg} and adds both to {@code written}. */
    static void save(Chart<?, ?> chart, Path base, List<Path> written) throws IOException {
        // Charts are drawn off screen; without this, AWT may look for a display.
        System.setProperty("java.awt.headless", "true");
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(),
            VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        written.add(Path.of(base + ".png"));
        written.add(Path.of(base + ".svg"));
    }
}
