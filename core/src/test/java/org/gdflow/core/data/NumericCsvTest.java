package org.gdflow.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain numeric CSV against hand-written files; each error message in full. */
class NumericCsvTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        return f;
    }

    private String error(String text) throws IOException {
        Path f = file(text);
        return assertThrows(GdflowException.class, () -> NumericCsv.read(f)).getMessage();
    }

    @Test
    void readsRowsAndColumnsRowMajorSkippingBlankLines() throws IOException {
        Path f = file("1, 2.5,-3\n\n  \n4,5e-1 ,6\n");
        NumericCsv.Table t = NumericCsv.read(f);
        // against the file as written
        assertEquals(f, t.file());
        assertEquals(2, t.rows());
        assertEquals(3, t.columns());
        assertArrayEquals(new double[] {1, 2.5, -3, 4, 0.5, 6}, t.values(), 0.0);
    }

    @Test
    void aNonNumericFirstRowIsAHeaderAndFixesTheColumnCount() throws IOException {
        NumericCsv.Table t = NumericCsv.read(file("a,b\n1,2\n3,4\n"));
        assertEquals(2, t.rows());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.values(), 0.0);
        // a numeric header such as pandas' 0,1 is data
        NumericCsv.Table numeric = NumericCsv.read(file("0,1\n5,6\n"));
        assertEquals(2, numeric.rows());
        assertArrayEquals(new double[] {0, 1, 5, 6}, numeric.values(), 0.0);
        // the header's width is the width every row must have
        assertEquals(dir.resolve("t.csv") + " line 2: 3 columns, but earlier rows have 2; every row needs the same number"
                + " of comma-separated values", error("x,y\n1,2,3\n"));
    }

    @Test
    void aHeaderAfterTheFirstRowIsNotANumber() throws IOException {
        assertEquals(dir.resolve("t.csv") + " line 2, column 2: 'b' is not a number; the file must hold plain numbers"
                + " (a header is allowed only on the first line)", error("1,2\n3,b\n"));
    }

    @Test
    void raggedRowsAreReportedWithTheirLine() throws IOException {
        assertEquals(dir.resolve("t.csv") + " line 3: 1 columns, but earlier rows have 2; every row needs the same number"
                + " of comma-separated values", error("1,2\n3,4\n5\n"));
        // an empty cell is still a column
        assertEquals(dir.resolve("t.csv") + " line 2: 3 columns, but earlier rows have 2; every row needs the same number"
                + " of comma-separated values", error("1,2\n3,4,\n"));
    }

    @Test
    void nonFiniteValuesAreReported() throws IOException {
        assertEquals(dir.resolve("t.csv") + " line 1, column 2: NaN is not finite; remove or replace it", error("1,NaN\n"));
        assertEquals(dir.resolve("t.csv") + " line 2, column 1: Infinity is not finite; remove or replace it",
                error("1\nInfinity\n"));
    }

    @Test
    void anEmptyFileOrAHeaderOnlyHasNoDataRows() throws IOException {
        assertEquals(dir.resolve("t.csv") + ": no data rows", error("\n\n"));
        assertEquals(dir.resolve("t.csv") + ": no data rows", error("a,b\n"));
    }

    @Test
    void aMissingFileIsReported() {
        Path missing = dir.resolve("missing.csv");
        GdflowException e = assertThrows(GdflowException.class, () -> NumericCsv.read(missing));
        assertEquals("cannot read " + missing + ": " + missing, e.getMessage());
    }

    @Test
    void formatWritesRowsThatReadBackBitForBit() throws IOException {
        double[] values = {0.1, -2.0 / 3, 1e-300, Math.PI, 5, -0.0};
        String text = NumericCsv.format(values, 3, 2);
        // against the rows written by hand
        assertEquals("0.1," + (-2.0 / 3) + "\n1.0E-300," + Math.PI + "\n5.0,-0.0\n", text);
        NumericCsv.Table t = NumericCsv.read(file(text));
        assertEquals(3, t.rows());
        assertEquals(2, t.columns());
        assertArrayEquals(values, t.values(), 0.0);
    }
}
