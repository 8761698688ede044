package org.gdflow.study;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.RunWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes XChart charts as a PNG and an SVG file side by side, atomically (headless: no screen is
 * needed). A list of charts becomes one figure, a grid of panels filled row by row, each panel at
 * its chart's own size; every panel of a grid must have the same size.
 */
public final class ChartFiles {
    static {
        // the plots are drawn into images, never on a screen
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartFiles() {
    }

    /** Writes {@code <name>.png} and {@code <name>.svg} of {@code chart} into {@code dir}; returns both paths. */
    public static List<Path> write(XYChart chart, Path dir, String name) {
        return write(List.of(chart), 1, dir, name);
    }

    /**
     * Writes the panels as one figure of {@code columns} columns (fewer when there are fewer panels)
     * and as many rows as needed: {@code <name>.png} and {@code <name>.svg}, of width
     * columns · panel width and height rows · panel height. Returns both paths.
     */
    public static List<Path> write(List<XYChart> panels, int columns, Path dir, String name) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a figure needs at least one panel and one column, got " + panels.size()
                    + " panels in " + columns + " columns");
        }
        int width = panels.get(0).getWidth();
        int height = panels.get(0).getHeight();
        for (XYChart panel : panels) {
            if (panel.getWidth() != width || panel.getHeight() != height) {
                throw new IllegalArgumentException("every panel of a figure has the size of the first, " + width + "×"
                        + height + "; '" + panel.getTitle() + "' is " + panel.getWidth() + "×" + panel.getHeight());
            }
        }
        int cols = Math.min(columns, panels.size());
        // rows = ⌈panels / cols⌉
        int rows = (panels.size() + cols - 1) / cols;
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        try {
            RunWriter.writeAtomically(png, png(panels, cols, rows, width, height));
            RunWriter.writeAtomically(svg, svg(panels, cols, rows, width, height));
        } catch (IOException e) {
            throw new GdflowException("cannot write the plot " + png + ": " + e.getMessage());
        }
        return List.of(png, svg);
    }

    private static byte[] png(List<XYChart> panels, int cols, int rows, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(cols * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        // a grid with an empty cell at its end shows white there
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int k = 0; k < panels.size(); k++) {
            g.drawImage(BitmapEncoder.getBufferedImage(panels.get(k)), (k % cols) * width, (k / cols) * height, null);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] svg(List<XYChart> panels, int cols, int rows, int width, int height) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        for (int k = 0; k < panels.size(); k++) {
            Graphics2D panel = (Graphics2D) g.create();
            panel.translate((k % cols) * width, (k / cols) * height);
            panels.get(k).paint(panel, width, height);
            panel.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, cols * width, rows * height)).writeTo(out);
        return out.toByteArray();
    }
}
