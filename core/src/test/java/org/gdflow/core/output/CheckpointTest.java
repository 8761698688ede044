package org.gdflow.core.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.FlowClock;
import org.gdflow.core.run.LoopState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file: every value comes back bit for bit (NaN payloads, −0.0, subnormals), the
 * layout is the documented one (read here with a plain DataInputStream, not the code under test),
 * and a damaged or foreign file is refused with a message, never half read.
 */
class CheckpointTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** Doubles whose bits a decimal round trip could lose. */
    private static final double[] AWKWARD = {0.1, -0.0, Double.MIN_VALUE, Double.longBitsToDouble(0x7ff8000000000123L),
        Double.NEGATIVE_INFINITY, Math.nextUp(1.0), -Double.MAX_VALUE, 4.9e-320};

    private static LoopState state() {
        FlowClock.State clock = new FlowClock.State(17, 0.1, false, 1.7000000000000004, -1.1102230246251565e-17, Math.nextDown(0.1));
        return new LoopState(17, AWKWARD, Double.longBitsToDouble(0x7ff8000000000456L), false, new double[] {-0.0, 3.5e-310},
                123_456_789_012L, 9_876_543_210L, clock, 6, Math.PI, "ab".repeat(32));
    }

    private static Checkpoint checkpoint() {
        ObjectNode spec = MAPPER.createObjectNode().put("name", "t").put("seed", 3);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("gdflow", "dev");
        versions.put("activation/tanh", "0.1.0 sha256:0123456789abcdef");
        return new Checkpoint(spec, "ejml", versions, state());
    }

    private static void assertBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "value " + i);
        }
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
    }

    @Test
    void everyValueReadsBackBitForBit() throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        checkpoint().write(file);
        Checkpoint back = Checkpoint.read(file);
        LoopState s = back.state();
        LoopState e = state();
        assertEquals(e.step(), s.step());
        assertBits(e.theta(), s.theta());
        assertBits(e.loss(), s.loss(), "loss");
        assertEquals(e.lossMeasured(), s.lossMeasured());
        assertBits(e.stepperState(), s.stepperState());
        assertEquals(e.randomDraws(), s.randomDraws());
        assertEquals(e.fieldEvaluations(), s.fieldEvaluations());
        assertEquals(e.rowsRecorded(), s.rowsRecorded());
        assertBits(e.initialLoss(), s.initialLoss(), "initial loss");
        assertEquals(e.theta0Sha256(), s.theta0Sha256());
        assertEquals(e.clock().steps(), s.clock().steps());
        assertBits(e.clock().firstStep(), s.clock().firstStep(), "first step");
        assertEquals(e.clock().uniform(), s.clock().uniform());
        assertBits(e.clock().sum(), s.clock().sum(), "sum");
        assertBits(e.clock().compensation(), s.clock().compensation(), "compensation");
        assertBits(e.clock().lastStep(), s.clock().lastStep(), "last step");
        assertEquals("ejml", back.backend());
        assertEquals(checkpoint().versions(), back.versions());
        assertEquals(checkpoint().spec(), back.spec());
    }

    @Test
    void theFileHasTheDocumentedLayout() throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        checkpoint().write(file);
        byte[] bytes = Files.readAllBytes(file);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        assertEquals("GDFLOWCK", new String(in.readNBytes(8), StandardCharsets.US_ASCII));
        assertEquals(1, in.readInt());
        JsonNode header = MAPPER.readTree(in.readNBytes(in.readInt()));
        // the doubles of the header are their bits in hexadecimal; the decimals are for people
        assertEquals("400921fb54442d18", header.get("initial_loss").asText());
        assertEquals("7ff8000000000456", header.get("loss").asText());
        assertEquals("3fb999999999999a", header.at("/clock/first_step").asText());
        assertEquals(6, header.get("rows_recorded").asLong());
        assertEquals("t", header.at("/spec/name").asText());
        assertEquals(1.7000000000000004, header.get("time_decimal").asDouble(), 0.0);
        assertEquals(AWKWARD.length, in.readLong());
        for (double v : AWKWARD) {
            assertEquals(Double.doubleToRawLongBits(v), in.readLong());
        }
        assertEquals(2, in.readLong());
        in.readLong();
        in.readLong();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        assertEquals(crc.getValue(), in.readLong());
        assertEquals(-1, in.read(), "nothing after the CRC");
    }

    @Test
    void aDamagedFileIsRefused() throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        checkpoint().write(file);
        byte[] good = Files.readAllBytes(file);
        String tail = "; run the spec again with --force to start afresh";

        byte[] flipped = good.clone();
        flipped[good.length - 12] ^= 1;
        Files.write(file, flipped);
        assertEquals(file + " cannot be resumed from: its CRC-32 does not match its content" + tail, error(file));

        Files.write(file, Arrays.copyOf(good, good.length - 5));
        assertEquals(file + " cannot be resumed from: it ends too early" + tail, error(file));

        byte[] longer = Arrays.copyOf(good, good.length + 1);
        Files.write(file, longer);
        assertEquals(file + " cannot be resumed from: its CRC-32 does not match its content" + tail, error(file));

        Files.writeString(file, "step,time,loss\n");
        assertEquals(file + " cannot be resumed from: it does not start with GDFLOWCK, so it is not a gdflow checkpoint" + tail,
                error(file));

        byte[] format = good.clone();
        format[11] = 2;
        Files.write(file, format);
        assertEquals(file + " cannot be resumed from: it is of format 2; this gdflow reads format 1" + tail, error(file));

        byte[] length = good.clone();
        length[12] = 0x7f;
        Files.write(file, length);
        assertTrue(error(file).startsWith(file + " cannot be resumed from: it announces "), error(file));

        assertEquals("cannot read " + dir.resolve("none") + ": No such file or directory", error(dir.resolve("none")));

        // a header length of exactly the file's size passes the size check and then finds the file too short
        byte[] atSize = good.clone();
        java.nio.ByteBuffer.wrap(atSize).putInt(12, good.length);
        Files.write(file, atSize);
        assertEquals(file + " cannot be resumed from: it ends too early" + tail, error(file));
        java.nio.ByteBuffer.wrap(atSize).putInt(12, good.length + 1);
        Files.write(file, atSize);
        assertEquals(file + " cannot be resumed from: it announces " + (good.length + 1) + " bytes in a file of " + good.length + tail,
                error(file));
        java.nio.ByteBuffer.wrap(atSize).putInt(12, -1);
        Files.write(file, atSize);
        assertEquals(file + " cannot be resumed from: it announces -1 bytes in a file of " + good.length + tail, error(file));
        // a count of values of exactly a file's size over 8 passes, one more is refused
        int thetaAt = 16 + headerLength(good);
        byte[] count = good.clone();
        java.nio.ByteBuffer.wrap(count).putLong(thetaAt, good.length / 8);
        Files.write(file, count);
        assertEquals(file + " cannot be resumed from: it ends too early" + tail, error(file));
        java.nio.ByteBuffer.wrap(count).putLong(thetaAt, good.length / 8 + 1);
        Files.write(file, count);
        assertEquals(file + " cannot be resumed from: it announces " + (good.length / 8 + 1) + " values in a file of " + good.length
                + " bytes" + tail, error(file));
        java.nio.ByteBuffer.wrap(count).putLong(thetaAt, -1);
        Files.write(file, count);
        assertEquals(file + " cannot be resumed from: it announces -1 values in a file of " + good.length + " bytes" + tail, error(file));
    }

    @Test
    void aHeaderWithoutAValueIsRefused() throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        checkpoint().write(file);
        // rewrite the header without "clock", with a valid CRC: the content is whole but not a checkpoint's
        byte[] good = Files.readAllBytes(file);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(good));
        in.skipNBytes(12);
        int length = in.readInt();
        ObjectNode header = (ObjectNode) MAPPER.readTree(Arrays.copyOfRange(good, 16, 16 + length));
        header.remove("clock");
        byte[] newHeader = MAPPER.writeValueAsBytes(header);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream data = new java.io.DataOutputStream(out);
        data.write(good, 0, 12);
        data.writeInt(newHeader.length);
        data.write(newHeader);
        data.write(good, 16 + length, good.length - 16 - length - 8);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        data.writeLong(crc.getValue());
        Files.write(file, out.toByteArray());
        assertTrue(error(file).startsWith(file + " cannot be resumed from: its header lacks a value or holds a wrong one ("), error(file));
    }

    @Test
    void doublesAreWrittenAsTheirBits() {
        for (double v : AWKWARD) {
            assertBits(v, Checkpoint.fromBits(Checkpoint.bits(v)), Checkpoint.bits(v));
        }
        assertEquals("3ff0000000000000", Checkpoint.bits(1.0));
        assertEquals("8000000000000000", Checkpoint.bits(-0.0));
        assertEquals("expected 16 hexadecimal digits, got '3ff'",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.fromBits("3ff")).getMessage());
        assertEquals("expected 16 hexadecimal digits, got '3FF0000000000000'",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.fromBits("3FF0000000000000")).getMessage());
    }

    @Test
    void aCheckpointIsReplacedWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        checkpoint().write(file);
        Checkpoint later = new Checkpoint(checkpoint().spec(), "nd4j", checkpoint().versions(), state());
        later.write(file);
        assertEquals("nd4j", Checkpoint.read(file).backend());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theRecordKeepsItsOwnCopies() {
        ObjectNode spec = MAPPER.createObjectNode().put("name", "t");
        Checkpoint c = new Checkpoint(spec, "ejml", Map.of(), state());
        spec.put("name", "changed");
        c.spec().put("name", "changed too");
        assertEquals("t", c.spec().get("name").asText());
        assertArrayEquals(new double[] {-0.0, 3.5e-310}, c.state().stepperState(), 0.0);
    }

    private static int headerLength(byte[] file) {
        return java.nio.ByteBuffer.wrap(file).getInt(12);
    }

    private static String error(Path file) {
        return assertThrows(GdflowException.class, () -> Checkpoint.read(file)).getMessage();
    }
}
