package org.gdflow.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.FlowClock;
import org.gdflow.core.run.LoopState;
import org.gdflow.core.run.RunWriter;

/**
 * A run's state at a step boundary, with what it takes to continue it bit for bit: the resolved
 * spec, the backend that ran and the versions of gdflow and of every plugin the run used.
 *
 * <p>The file ({@value #FILE_NAME}) is binary and written atomically: the magic {@code GDFLOWCK},
 * a version, a JSON header (the spec, the versions and every scalar of the {@link LoopState}, each
 * double as the 16 hexadecimal digits of its IEEE 754 bits, so nothing is rounded), then θ and the
 * stepper's state as big-endian doubles, then a CRC-32 of everything before it. A damaged file is
 * refused, never half read.
 *
 * @param spec the resolved spec (as summary.json holds it, with the backend that ran)
 * @param backend the backend that ran, which a resumed run must use again
 * @param versions gdflow's version and every plugin's the run used ({@link PluginVersions})
 * @param state the loop's state
 */
public record Checkpoint(ObjectNode spec, String backend, Map<String, String> versions, LoopState state) {
    /** The checkpoint's file name in an output folder. */
    public static final String FILE_NAME = "checkpoint.bin";
    private static final byte[] MAGIC = "GDFLOWCK".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the spec and the map. */
    public Checkpoint {
        spec = spec.deepCopy();
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** A copy of the spec. */
    @Override
    public ObjectNode spec() {
        return spec.deepCopy();
    }

    /** Writes the checkpoint to {@code file} atomically (a temporary file, forced to disk, renamed). */
    public void write(Path file) throws IOException {
        byte[] header = MAPPER.writeValueAsBytes(header());
        RunWriter.writeAtomically(file, stream -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(stream, crc));
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(header.length);
            out.write(header);
            writeDoubles(out, state.theta());
            writeDoubles(out, state.stepperState());
            // the CRC of everything above, itself outside the sum
            new DataOutputStream(stream).writeLong(crc.getValue());
        });
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeLong(values.length);
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private ObjectNode header() {
        ObjectNode h = MAPPER.createObjectNode();
        h.put("step", state.step());
        h.put("time", bits(clockTime()));
        h.put("rows_recorded", state.rowsRecorded());
        h.put("loss", bits(state.loss()));
        h.put("loss_measured", state.lossMeasured());
        h.put("random_draws", state.randomDraws());
        h.put("field_evaluations", state.fieldEvaluations());
        h.put("initial_loss", bits(state.initialLoss()));
        h.put("theta0_sha256", state.theta0Sha256());
        FlowClock.State clock = state.clock();
        ObjectNode c = h.putObject("clock");
        c.put("steps", clock.steps());
        c.put("first_step", bits(clock.firstStep()));
        c.put("uniform", clock.uniform());
        c.put("sum", bits(clock.sum()));
        c.put("compensation", bits(clock.compensation()));
        c.put("last_step", bits(clock.lastStep()));
        h.put("backend", backend);
        h.set("versions", MAPPER.valueToTree(versions));
        // readable copies for a person looking at the file; the bits above are what is read back
        h.put("time_decimal", clockTime());
        h.put("loss_decimal", Double.toString(state.loss()));
        h.set("spec", spec);
        return h;
    }

    private double clockTime() {
        FlowClock clock = new FlowClock();
        clock.restore(state.clock());
        return clock.time();
    }

    /** The 16 hexadecimal digits of a double's bits. */
    static String bits(double v) {
        return String.format("%016x", Double.doubleToRawLongBits(v));
    }

    /** The double whose bits {@code hex} holds. */
    static double fromBits(String hex) {
        if (!hex.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("expected 16 hexadecimal digits, got '" + hex + "'");
        }
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    /**
     * Reads a checkpoint file.
     *
     * @throws GdflowException if it is not a checkpoint, is of another format, or is damaged (its CRC does not match)
     */
    public static Checkpoint read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw damaged(file, "it does not start with GDFLOWCK, so it is not a gdflow checkpoint");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw damaged(file, "it is of format " + format + "; this gdflow reads format " + FORMAT);
            }
            long size = Files.size(file);
            byte[] header = in.readNBytes(length(in.readInt(), size, file));
            double[] theta = readDoubles(in, size, file);
            double[] stepper = readDoubles(in, size, file);
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected || raw.read() != -1) {
                throw damaged(file, "its CRC-32 does not match its content");
            }
            return fromHeader(MAPPER.readTree(header), theta, stepper, file);
        } catch (EOFException e) {
            throw damaged(file, "it ends too early");
        } catch (IOException e) {
            throw new GdflowException("cannot read " + file + ": " + RunWriter.reason(e));
        }
    }

    private static int length(long length, long fileSize, Path file) {
        if (length < 0 || length > fileSize) {
            throw damaged(file, "it announces " + length + " bytes in a file of " + fileSize);
        }
        return (int) length;
    }

    private static double[] readDoubles(DataInputStream in, long fileSize, Path file) throws IOException {
        long count = in.readLong();
        if (count < 0 || count > fileSize / 8) {
            throw damaged(file, "it announces " + count + " values in a file of " + fileSize + " bytes");
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.readLong());
        }
        return values;
    }

    private static Checkpoint fromHeader(JsonNode h, double[] theta, double[] stepper, Path file) {
        try {
            JsonNode c = h.get("clock");
            FlowClock.State clock = new FlowClock.State(c.get("steps").longValue(), fromBits(c.get("first_step").textValue()),
                    c.get("uniform").booleanValue(), fromBits(c.get("sum").textValue()), fromBits(c.get("compensation").textValue()),
                    fromBits(c.get("last_step").textValue()));
            LoopState state = new LoopState(h.get("step").longValue(), theta, fromBits(h.get("loss").textValue()),
                    h.get("loss_measured").booleanValue(), stepper, h.get("random_draws").longValue(),
                    h.get("field_evaluations").longValue(), clock, h.get("rows_recorded").longValue(),
                    fromBits(h.get("initial_loss").textValue()), h.get("theta0_sha256").textValue());
            Map<String, String> versions = new LinkedHashMap<>();
            h.get("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().textValue()));
            return new Checkpoint((ObjectNode) h.get("spec"), h.get("backend").textValue(), versions, state);
        } catch (RuntimeException e) {
            throw damaged(file, "its header lacks a value or holds a wrong one (" + e.getMessage() + ")");
        }
    }

    private static GdflowException damaged(Path file, String why) {
        return new GdflowException(file + " cannot be resumed from: " + why + "; run the spec again with --force to start afresh");
    }
}
