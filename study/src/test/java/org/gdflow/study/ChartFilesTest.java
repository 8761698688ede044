package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Charts and grids of panels written as PNG and SVG: sizes, where each panel lands, and the refusals. */
class ChartFilesTest {
    @TempDir
    Path dir;

    private static XYChart chart(int width, int height, Color background) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title("t").build();
        chart.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
        chart.getStyler().setChartBackgroundColor(background);
        return chart;
    }

    @Test
    void oneChartIsWrittenAtItsSize() throws Exception {
        assertEquals(List.of(dir.resolve("one.png"), dir.resolve("one.svg")), ChartFiles.write(chart(320, 240, Color.RED), dir, "one"));
        StudyPlotsTest.assertPng(dir.resolve("one.png"), 320, 240);
        StudyPlotsTest.assertSvg(dir.resolve("one.svg"), 320, 240);
        BufferedImage image = ImageIO.read(dir.resolve("one.png").toFile());
        assertEquals(Color.RED.getRGB(), image.getRGB(2, 2));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void panelsFillTheGridRowByRowAndAnEmptyCellIsWhite() throws Exception {
        List<XYChart> panels = List.of(chart(300, 200, Color.RED), chart(300, 200, Color.GREEN), chart(300, 200, Color.BLUE));
        ChartFiles.write(panels, 2, dir, "grid");
        StudyPlotsTest.assertPng(dir.resolve("grid.png"), 600, 400);
        StudyPlotsTest.assertSvg(dir.resolve("grid.svg"), 600, 400);
        BufferedImage image = ImageIO.read(dir.resolve("grid.png").toFile());
        // each panel's corner shows its own background: red top left, green top right, blue bottom left
        assertEquals(Color.RED.getRGB(), image.getRGB(2, 2));
        assertEquals(Color.GREEN.getRGB(), image.getRGB(302, 2));
        assertEquals(Color.BLUE.getRGB(), image.getRGB(2, 202));
        assertEquals(Color.BLUE.getRGB(), image.getRGB(297, 397));
        assertEquals(Color.WHITE.getRGB(), image.getRGB(302, 202));
        assertEquals(Color.WHITE.getRGB(), image.getRGB(599, 399));
        String svg = Files.readString(dir.resolve("grid.svg"));
        assertTrue(svg.contains("translate(300 0)"), "the second panel is moved right by one panel width");
        assertTrue(svg.contains("translate(0 200)"), "the third panel starts the second row");
        // more columns than panels: one row
        ChartFiles.write(panels, 5, dir, "row");
        StudyPlotsTest.assertPng(dir.resolve("row.png"), 900, 200);
    }

    @Test
    void aFigureNeedsPanelsOfOneSizeAndAColumn() {
        assertEquals("a figure needs at least one panel and one column, got 0 panels in 1 columns",
                assertThrows(IllegalArgumentException.class, () -> ChartFiles.write(List.of(), 1, dir, "x")).getMessage());
        assertEquals("a figure needs at least one panel and one column, got 1 panels in 0 columns",
                assertThrows(IllegalArgumentException.class,
                        () -> ChartFiles.write(List.of(chart(10, 10, Color.RED)), 0, dir, "x")).getMessage());
        assertEquals("every panel of a figure has the size of the first, 300×200; 't' is 300×201",
                assertThrows(IllegalArgumentException.class, () -> ChartFiles.write(
                        List.of(chart(300, 200, Color.RED), chart(300, 201, Color.RED)), 2, dir, "x")).getMessage());
        assertEquals("every panel of a figure has the size of the first, 300×200; 't' is 299×200",
                assertThrows(IllegalArgumentException.class, () -> ChartFiles.write(
                        List.of(chart(300, 200, Color.RED), chart(299, 200, Color.RED)), 2, dir, "x")).getMessage());
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnError() {
        Path missing = dir.resolve("no").resolve("such");
        var e = assertThrows(org.gdflow.core.error.GdflowException.class,
                () -> ChartFiles.write(chart(50, 50, Color.RED), missing, "x"));
        assertTrue(e.getMessage().startsWith("cannot write the plot " + missing.resolve("x.png") + ": "), e.getMessage());
    }
}
