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
    void aDeclaredHeaderIsSkippedWhateverItHolds() throws IOException {
        NumericCsv.Table t = NumericCsv.read(file("a,b\n1,2\n3,4\n"), true, "data.header");
        assertEquals(2, t.rows());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.values(), 0.0);
        // a numeric header such as pandas' 0,1, declared, is skipped too
        NumericCsv.Table numeric = NumericCsv.read(file("\n0,1\n5.5,6\n"), true, "data.header");
        assertEquals(1, numeric.rows());
        assertArrayEquals(new double[] {5.5, 6}, numeric.values(), 0.0);
        // the header's width is not checked: the first data row fixes it
        assertEquals(2, NumericCsv.read(file("x,y,z\n1,2\n"), true, "data.header").columns());
    }

    @Test
    void anUndeclaredTextHeaderIsRefusedNamingTheKeyThatDeclaresIt() throws IOException {
        Path f = file("a,b\n1,2\n");
        assertEquals(f + " line 1, column 1: 'a' is not a number; if this first row is a header, declare it with"
                + " \"header\": true (model.init.w.header)",
                assertThrows(GdflowException.class, () -> NumericCsv.read(f, false, "model.init.w.header")).getMessage());
    }

    @Test
    void anUndeclaredHeaderOfColumnNumbersAboveFractionsIsRefused() throws IOException {
        // pandas' to_csv(index=False) of a float frame: 0,1,2 above the data
        assertEquals(dir.resolve("t.csv") + " line 1: the first row 0,1,2 numbers the columns (a header, as pandas writes"
                + " with index=False) while the rows below are not whole numbers; declare it with \"header\": true (header)"
                + " so it is skipped, or remove it", error("0,1,2\n0.5,1.5,2.5\n3,4,5\n"));
        // one column: pandas' Series header 0 above targets
        assertEquals(dir.resolve("t.csv") + " line 1: the first row 0 numbers the columns (a header, as pandas writes"
                + " with index=False) while the rows below are not whole numbers; declare it with \"header\": true (header)"
                + " so it is skipped, or remove it", error("0\n0.25\n"));
    }

    @Test
    void columnNumbersAboveWholeNumbersOrInAnotherOrderAreData() throws IOException {
        // binary features: 0,1 is a data point like the rows below it
        assertEquals(3, NumericCsv.read(file("0,1\n1,0\n1,1\n")).rows());
        // 1,2 and 0,2 do not number the columns from 0
        assertEquals(2, NumericCsv.read(file("1,2\n0.5,0.5\n")).rows());
        assertEquals(2, NumericCsv.read(file("0,2\n0.5,0.5\n")).rows());
        // written 0.0,1.0 it is a row of numbers, not a header
        assertEquals(2, NumericCsv.read(file("0.0,1.0\n0.5,0.5\n")).rows());
        // a single row 0,1 has nothing below it to differ from
        assertEquals(1, NumericCsv.read(file("0,1\n")).rows());
    }

    @Test
    void theTableCarriesTheSha256OfTheFilesBytes() throws IOException {
        // against sha256sum of the same bytes
        assertEquals("96bbd5de61f36b0e10c5771d180998d066192e8986aa34a8cb7c453f62959274", NumericCsv.read(file("1,2\n3,4\n")).sha256());
        assertEquals("832b38e6f8a4475fb9511ce8758fc40b063dba66d4ca2d07062cd9b4b960d889",
                NumericCsv.read(file("x\n0.5\n"), true, "data.header").sha256());
    }

    @Test
    void aTextCellAfterTheFirstRowIsNotANumber() throws IOException {
        assertEquals(dir.resolve("t.csv") + " line 2, column 2: 'b' is not a number; the file must hold plain numbers",
                error("1,2\n3,b\n"));
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
        Path headerOnly = file("a,b\n");
        assertEquals(headerOnly + ": no data rows below the header",
                assertThrows(GdflowException.class, () -> NumericCsv.read(headerOnly, true, "data.header")).getMessage());
    }

    @Test
    void aMissingFileIsReported() {
        Path missing = dir.resolve("missing.csv");
        GdflowException e = assertThrows(GdflowException.class, () -> NumericCsv.read(missing));
        assertEquals("cannot read " + missing + ": no such file", e.getMessage());
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
