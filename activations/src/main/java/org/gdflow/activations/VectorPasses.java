package org.gdflow.activations;

import static org.gdflow.activations.Erf.SATURATED_FROM;
import static org.gdflow.activations.Erf.TAIL_FROM;
import static org.gdflow.activations.Erf.TAIL_OFFSET;
import static org.gdflow.activations.Erf.TAIL_SHIFT;
import static org.gdflow.activations.Erf.TWO_OVER_SQRT_PI;
import static org.gdflow.activations.VectorMath.SPECIES;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The SIMD passes of the built-in activations: σ and σ' of {@code SPECIES.length()} elements at a time,
 * each lane running the operations of the activation's scalar pass (through {@link VectorMath}), the
 * remainder of the range by the scalar pass itself; so a pass gives the same bits with or without
 * SIMD. Loaded only when {@link org.gdflow.api.VectorSupport#enabled()}.
 */
final class VectorPasses {
    private static final int LANES = SPECIES.length();
    /** Elements per chunk of a two-loop pass (a multiple of every lane count). */
    static final int CHUNK = 512;
    /** Per-thread scratch of a chunked pass: five arrays of {@link #CHUNK}. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[5][CHUNK]);


    /**
     * One loop of a chunked pass over [start, stop), with the pass's scratch. The stages are called from one
     * method ({@link #chunked}, or {@link #chunkedThroughHandles} through each constant's method handle
     * {@code call()}) that the JIT compiles without inlining every loop into it: each loop is compiled on its own,
     * within its own inlining budget, instead of all of them in the pass's method, where the budget
     * ({@code NodeCountInliningCutoff}) ran out and left vector operations as calls that allocate. (A virtual
     * call to {@code run} is not enough for softplus: where only one two-loop activation has run, the call site
     * has seen two receivers and C2 inlines both loops into {@code chunked}; softplus's ran out of budget
     * there in some runs, 5–16 ns per element instead of 2.5.)
     * Constants with bodies rather than lambdas in a static array: PIT leaves code reached only from a
     * static initializer unmutated, and the loops would have dropped out of mutation testing.
     */
    private enum Stage {
        REDUCE_TANH {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                reduceTanh(z, scratch[0], scratch[1], start, stop);
            }
        },
        FINISH_TANH {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                finishTanh(z, scratch[0], scratch[1], value, derivative, start, stop);
            }
        },
        NEGATIVE_ABS_EXP {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                negativeAbsExp(z, scratch[0], start, stop);
            }
        },
        FINISH_SOFTPLUS {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                finishSoftplus(z, scratch[0], value, derivative, start, stop);
            }
        },
        GAUSSIAN {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                gaussian(z, scratch[0], start, stop);
            }
        },
        ERF_VARIABLE {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                erfVariable(z, scratch[1], scratch[2], scratch[4], start, stop);
            }
        },
        ERF_MIDDLE_TERMS {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                erfMiddleTerms(scratch[1], scratch[2], scratch[4], start, stop);
            }
        },
        FINISH_ERF {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                finishErf(z, scratch[0], scratch[1], scratch[2], scratch[4], value, derivative, start, stop);
            }
        };

        /**
         * {@link #run} of this constant as a method handle, made on first use ({@link #call()}): {@link #chunkedThroughHandles}
         * calls the loop through it, and C2 inlines a method-handle call only where the handle is a compile-time
         * constant, which a handle read from a field of an array element is not; a virtual call to {@code run}
         * is inlined where the call site has seen just two receivers (a two-loop pass in a JVM that runs one
         * activation), both loops into the caller. Made on first use rather than in the constructor, so that
         * it is not static-initializer code, which PIT leaves unmutated.
         */
        private volatile MethodHandle call;

        /** {@link #call}, made on first use (two threads may both make it: the same handle either way). */
        MethodHandle call() {
            MethodHandle handle = call;
            if (handle == null) {
                handle = handleOf(this);
                call = handle;
            }
            return handle;
        }

        abstract void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop);

        private static MethodHandle handleOf(Stage stage) {
            try {
                return MethodHandles.lookup().findVirtual(stage.getClass(), "run", MethodType.methodType(void.class,
                        double[].class, double[][].class, double[].class, double[].class, int.class, int.class)).bindTo(stage);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("VectorPasses: no run method in " + stage, e);
            }
        }
    }

    /** The two loops of {@link #tanh}, in order. */
    private static final Stage[] TANH_STAGES = {Stage.REDUCE_TANH, Stage.FINISH_TANH};
    /** The two loops of {@link #softplus}, in order. */
    private static final Stage[] SOFTPLUS_STAGES = {Stage.NEGATIVE_ABS_EXP, Stage.FINISH_SOFTPLUS};
    /** The four loops of {@link #erf}, in order. */
    private static final Stage[] ERF_STAGES = {Stage.GAUSSIAN, Stage.ERF_VARIABLE, Stage.ERF_MIDDLE_TERMS,
        Stage.FINISH_ERF};

    private VectorPasses() {
    }

    /**
     * A chunked pass over [from, end) (whole vectors): for each chunk of {@link #CHUNK} elements, its stages in
     * order, with the per-thread scratch. One call site for the stages of tanh and erf: erf's five receiver
     * classes keep it a virtual call; where only tanh has run it sees two and C2 inlines both of tanh's loops
     * here, which fit the budget and ran 2–14 % faster than through {@link #chunkedThroughHandles} (three bench pairs).
     */
    private static void chunked(Stage[] stages, double[] z, double[] value, double[] derivative, int from, int end) {
        double[][] scratch = SCRATCH.get();
        for (int start = from; start < end; start += CHUNK) {
            int stop = Math.min(start + CHUNK, end);
            for (Stage stage : stages) {
                stage.run(z, scratch, value, derivative, start, stop);
            }
        }
    }

    /**
     * {@link #chunked} with each stage called through its method handle, not a compile-time constant here, so the
     * call is not inlined whatever the profile and each loop is compiled on its own (see {@link Stage}): for
     * softplus, whose two loops did not fit one method's budget.
     */
    private static void chunkedThroughHandles(Stage[] stages, double[] z, double[] value, double[] derivative, int from, int end) {
        double[][] scratch = SCRATCH.get();
        for (int start = from; start < end; start += CHUNK) {
            int stop = Math.min(start + CHUNK, end);
            for (Stage stage : stages) {
                try {
                    stage.call().invokeExact(z, scratch, value, derivative, start, stop);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    // run declares no checked exception: not reached
                    throw new IllegalStateException("VectorPasses: " + stage + " threw " + e, e);
                }
            }
        }
    }

    /**
     * {@link Tanh#scalarPass} on SIMD lanes, in chunks of {@link #CHUNK}: one loop reduces x = −2|z| and
     * evaluates the polynomial (into the scratch), a second scales and divides ({@link #chunked}). Two loops
     * keep each within what the JIT inlines whole (one loop of both parts exceeded its node budget and
     * ran the vector operations as calls; trimmed to fit, it ran 10 % slower than the two loops).
     */
    static void tanh(double[] z, double[] value, double[] derivative, int from, int to) {
        int end = from + SPECIES.loopBound(to - from);
        chunked(TANH_STAGES, z, value, derivative, from, end);
        Tanh.scalarPass(z, value, derivative, end, to);
    }

    /** shifted = SHIFT + k and p = e^r − 1 of x = −2|z| into the scratch, for [start, stop) of z. */
    private static void reduceTanh(double[] z, double[] shiftedOut, double[] pOut, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i).abs().mul(-2).max(ScalarMath.EXP_MIN);
            DoubleVector shifted = VectorMath.shifted(x);
            shifted.intoArray(shiftedOut, i - start);
            VectorMath.expm1Reduced(VectorMath.reduced(x, shifted)).intoArray(pOut, i - start);
        }
    }

    /**
     * From the scratch: h = (e^x − 1)/2, w = 1/(1 + h), σ = sign(z)·(−h w), σ' = e w² with e from
     * {@link VectorMath#expNonPositive(DoubleVector, DoubleVector)}; z and 1 below 2⁻²⁷.
     */
    private static void finishTanh(double[] z, double[] shiftedIn, double[] pIn, double[] value, double[] derivative,
            int start, int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector shifted = DoubleVector.fromArray(SPECIES, shiftedIn, i - start);
            DoubleVector p = DoubleVector.fromArray(SPECIES, pIn, i - start);
            DoubleVector h = VectorMath.halfExpm1(shifted, p);
            DoubleVector w = one.div(h.add(1));
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            VectorMask<Double> tiny = zv.abs().compare(VectorOperators.LT, Tanh.TINY);
            // σ = sign(z)·(−h w): h w ≤ 0, its sign flipped where z ≥ 0
            VectorMath.copySignOfNegation(h.mul(w), zv).blend(zv, tiny).intoArray(value, i);
            VectorMath.expNonPositive(shifted, p).mul(w).mul(w).blend(one, tiny).intoArray(derivative, i);
        }
    }

    /** {@link Sigmoid#scalarPass} on SIMD lanes. */
    static void sigmoid(double[] z, double[] value, double[] derivative, int from, int to) {
        int i = from;
        for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += LANES) {
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector e = VectorMath.expNonPositive(VectorMath.negativeAbs(zv));
            DoubleVector q = DoubleVector.broadcast(SPECIES, 1).div(e.add(1));
            DoubleVector eq = e.mul(q);
            // σ = q ^ (negative & (q ^ e q)): e q where z's sign bit is set (e q = q at −0), q elsewhere; σ' = e q²
            LongVector qBits = q.reinterpretAsLongs();
            LongVector negative = zv.reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
            qBits.lanewise(VectorOperators.XOR, negative.and(qBits.lanewise(VectorOperators.XOR, eq.reinterpretAsLongs())))
                    .reinterpretAsDoubles().intoArray(value, i);
            eq.mul(q).intoArray(derivative, i);
        }
        Sigmoid.scalarPass(z, value, derivative, i, to);
    }

    /** {@link Softplus#scalarPass} on SIMD lanes, in chunks: e = exp(−|z|) in one loop, the rest in a second (see {@link #tanh}). */
    static void softplus(double[] z, double[] value, double[] derivative, int from, int to) {
        int end = from + SPECIES.loopBound(to - from);
        chunkedThroughHandles(SOFTPLUS_STAGES, z, value, derivative, from, end);
        Softplus.scalarPass(z, value, derivative, end, to);
    }

    /** e = exp(−|z|) into the scratch, for [start, stop) of z. */
    private static void negativeAbsExp(double[] z, double[] eOut, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            VectorMath.expNonPositive(VectorMath.negativeAbs(DoubleVector.fromArray(SPECIES, z, i))).intoArray(eOut, i - start);
        }
    }

    /**
     * From e = exp(−|z|): q = 1/(1 + e), σ = max(z, 0) + log1p(e), σ' = sigmoid(z). Both choices on z's sign by bit
     * operations on its sign bit spread over the lane, not {@code max} and {@code compare}/{@code blend} (on JDK 17
     * those take several instructions each; 12 % faster, 12 of 12 pairs): the same bits as the scalar pass, −0 included (e = 1 there,
     * so e q = q); NaN stays NaN.
     */
    private static void finishSoftplus(double[] z, double[] eIn, double[] value, double[] derivative, int start, int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector e = DoubleVector.fromArray(SPECIES, eIn, i - start);
            DoubleVector q = one.div(e.add(1));
            // negative = all ones where z's sign bit is set; σ = max(z, 0) + log1p(e) with max(z, 0) = z & ~negative
            LongVector zBits = zv.reinterpretAsLongs();
            LongVector negative = zBits.lanewise(VectorOperators.ASHR, 63);
            zBits.lanewise(VectorOperators.AND_NOT, negative).reinterpretAsDoubles().add(VectorMath.log1p(e)).intoArray(value, i);
            // σ' = q ^ (negative & (q ^ e q)): e q where z ≤ −0, q elsewhere
            LongVector qBits = q.reinterpretAsLongs();
            qBits.lanewise(VectorOperators.XOR, negative.and(qBits.lanewise(VectorOperators.XOR, e.mul(q).reinterpretAsLongs())))
                    .reinterpretAsDoubles().intoArray(derivative, i);
        }
    }

    /** {@link Relu#scalarPass} on SIMD lanes. */
    static void relu(double[] z, double[] value, double[] derivative, int from, int to) {
        int i = from;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += LANES) {
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            // σ = max(z, 0), σ' = step(z) with step(0) = 0
            zv.max(0).intoArray(value, i);
            zero.blend(1, zv.compare(VectorOperators.GT, 0)).intoArray(derivative, i);
        }
        Relu.scalarPass(z, value, derivative, i, to);
    }

    /**
     * {@link Erf#scalarPass} on SIMD lanes, in chunks and four loops (see {@link #tanh}): g = exp(−z²);
     * each lane's variable (z² or u), its range as a bit mask and the polynomial's terms of degree 13 to 10
     * (Horner's rule; they fill the division's shadow); the terms of degree 9 to 5; the last terms and
     * erf = ±(A·P + B), σ' (split so that each loop stays within the JIT's inlining budget). One polynomial
     * evaluation serves both ranges: each coefficient is T ^ (small &amp; (T ^ S)) on the lane's bits (T, S the
     * tail's and small range's coefficient), one and and one exclusive or that cost less than the fused
     * multiply-adds of a second polynomial and far less than blends.
     */
    static void erf(double[] z, double[] value, double[] derivative, int from, int to) {
        int end = from + SPECIES.loopBound(to - from);
        chunked(ERF_STAGES, z, value, derivative, from, end);
        Erf.scalarPass(z, value, derivative, end, to);
    }

    /** g = exp(−z²) into the scratch. */
    private static void gaussian(double[] z, double[] gOut, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            VectorMath.expNonPositive(x.neg().mul(x)).intoArray(gOut, i - start);
        }
    }

    private static final DoubleVector ERF_ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final DoubleVector ERF_MINUS_OFFSET = DoubleVector.broadcast(SPECIES, -TAIL_OFFSET);
    private static final DoubleVector ERF_TAIL_FROM = DoubleVector.broadcast(SPECIES, TAIL_FROM);
    private static final LongVector ERF_ONE_BITS = ERF_ONE.reinterpretAsLongs();
    private static final LongVector SIGN = LongVector.broadcast(LongVector.SPECIES_PREFERRED, VectorMath.SIGN_BIT);
    // each coefficient of Erf's two polynomials as the bits of −T and −T ^ S: the chain gives −P on the tail's lanes
    private static final LongVector ERF_T0 = bits(-Erf.T0);
    private static final LongVector ERF_TS0 = bits(-Erf.T0, Erf.S0);
    private static final LongVector ERF_T1 = bits(-Erf.T1);
    private static final LongVector ERF_TS1 = bits(-Erf.T1, Erf.S1);
    private static final LongVector ERF_T2 = bits(-Erf.T2);
    private static final LongVector ERF_TS2 = bits(-Erf.T2, Erf.S2);
    private static final LongVector ERF_T3 = bits(-Erf.T3);
    private static final LongVector ERF_TS3 = bits(-Erf.T3, Erf.S3);
    private static final LongVector ERF_T4 = bits(-Erf.T4);
    private static final LongVector ERF_TS4 = bits(-Erf.T4, Erf.S4);
    private static final LongVector ERF_T5 = bits(-Erf.T5);
    private static final LongVector ERF_TS5 = bits(-Erf.T5, Erf.S5);
    private static final LongVector ERF_T6 = bits(-Erf.T6);
    private static final LongVector ERF_TS6 = bits(-Erf.T6, Erf.S6);
    private static final LongVector ERF_T7 = bits(-Erf.T7);
    private static final LongVector ERF_TS7 = bits(-Erf.T7, Erf.S7);
    private static final LongVector ERF_T8 = bits(-Erf.T8);
    private static final LongVector ERF_TS8 = bits(-Erf.T8, Erf.S8);
    private static final LongVector ERF_T9 = bits(-Erf.T9);
    private static final LongVector ERF_TS9 = bits(-Erf.T9, Erf.S9);
    private static final LongVector ERF_T10 = bits(-Erf.T10);
    private static final LongVector ERF_TS10 = bits(-Erf.T10, Erf.S10);
    private static final LongVector ERF_T11 = bits(-Erf.T11);
    private static final LongVector ERF_TS11 = bits(-Erf.T11, Erf.S11);
    private static final LongVector ERF_T12 = bits(-Erf.T12);
    private static final LongVector ERF_TS12 = bits(-Erf.T12, Erf.S12);
    private static final LongVector ERF_T13 = bits(-Erf.T13);
    private static final LongVector ERF_TS13 = bits(-Erf.T13, Erf.S13);

    /** The bits of c, as a vector. */
    private static LongVector bits(double c) {
        return LongVector.broadcast(LongVector.SPECIES_PREFERRED, Double.doubleToRawLongBits(c));
    }

    /** The bits of a ^ b, as a vector. */
    private static LongVector bits(double a, double b) {
        return LongVector.broadcast(LongVector.SPECIES_PREFERRED, Double.doubleToRawLongBits(a) ^ Double.doubleToRawLongBits(b));
    }

    /** Each lane's coefficient: T where small is clear, S where it is set. */
    private static DoubleVector erfCoefficient(LongVector t, LongVector ts, LongVector small) {
        return t.lanewise(VectorOperators.XOR, small.and(ts)).reinterpretAsDoubles();
    }

    /**
     * Each lane's variable into the scratch, v = z² (|z| &lt; 1) or u = 1/(min(|z|, 6) + 2) − 1/4 (elsewhere and NaN),
     * its range as all-ones bits where |z| &lt; 1 (the sign bit of |z| − 1, spread over the lane), and the tail's
     * correction c = ρ − ε, ρ = 1 − (u + 1/4)·d, d = x + 2, ε = x² − fl(x²), x = min(|z|, 6).
     */
    private static void erfVariable(double[] z, double[] vOut, double[] smallOut, double[] pOut, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector ax = x.abs();
            LongVector small = ax.sub(ERF_TAIL_FROM).reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
            LongVector u = ERF_ONE.div(ax.min(SATURATED_FROM).add(TAIL_OFFSET)).sub(TAIL_SHIFT).reinterpretAsLongs();
            // v = u ^ (small & (u ^ z²))
            DoubleVector v = u.lanewise(VectorOperators.XOR, small.and(u.lanewise(VectorOperators.XOR, x.mul(x).reinterpretAsLongs())))
                    .reinterpretAsDoubles();
            v.intoArray(vOut, i - start);
            small.reinterpretAsDoubles().intoArray(smallOut, i - start);
            erfCoefficient(ERF_T13, ERF_TS13, small)
                    .fma(v, erfCoefficient(ERF_T12, ERF_TS12, small))
                    .fma(v, erfCoefficient(ERF_T11, ERF_TS11, small))
                    .fma(v, erfCoefficient(ERF_T10, ERF_TS10, small))
                    .intoArray(pOut, i - start);
        }
    }

    /** Horner's rule continued over the terms of degree 9 to 5. */
    private static void erfMiddleTerms(double[] vIn, double[] smallIn, double[] pIO, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, vIn, i - start);
            LongVector small = DoubleVector.fromArray(SPECIES, smallIn, i - start).reinterpretAsLongs();
            DoubleVector.fromArray(SPECIES, pIO, i - start)
                    .fma(v, erfCoefficient(ERF_T9, ERF_TS9, small))
                    .fma(v, erfCoefficient(ERF_T8, ERF_TS8, small))
                    .fma(v, erfCoefficient(ERF_T7, ERF_TS7, small))
                    .fma(v, erfCoefficient(ERF_T6, ERF_TS6, small))
                    .fma(v, erfCoefficient(ERF_T5, ERF_TS5, small))
                    .intoArray(pIO, i - start);
        }
    }

    /**
     * The terms of degree 4 to 0, then erf z = ±(A·P + B) ({@link Erf#erf}): P and A = B = |z| where |z| &lt; 1, else −P
     * (the tail's coefficients negated), A = g(1 + c), c = ρ − ε, and B = 1; the sign copied from z; σ' = 2/√π·g.
     */
    private static void finishErf(double[] z, double[] gIn, double[] vIn, double[] smallIn, double[] pIn,
            double[] value, double[] derivative, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, vIn, i - start);
            LongVector small = DoubleVector.fromArray(SPECIES, smallIn, i - start).reinterpretAsLongs();
            DoubleVector p = DoubleVector.fromArray(SPECIES, pIn, i - start)
                    .fma(v, erfCoefficient(ERF_T4, ERF_TS4, small))
                    .fma(v, erfCoefficient(ERF_T3, ERF_TS3, small))
                    .fma(v, erfCoefficient(ERF_T2, ERF_TS2, small))
                    .fma(v, erfCoefficient(ERF_T1, ERF_TS1, small))
                    .fma(v, erfCoefficient(ERF_T0, ERF_TS0, small));
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector ax = x.abs();
            DoubleVector xc = ax.min(SATURATED_FROM);
            // c = ρ − ε, ρ = 1 − (u + 1/4)·d with −d = −2 − xc, ε = xc² − fl(xc²)
            DoubleVector c = v.add(TAIL_SHIFT).fma(ERF_MINUS_OFFSET.sub(xc), ERF_ONE).sub(xc.fma(xc, xc.mul(xc).neg()));
            DoubleVector g = DoubleVector.fromArray(SPECIES, gIn, i - start);
            LongVector axBits = ax.reinterpretAsLongs();
            // B = 1 ^ (small & (1 ^ |z|)); A = tailA ^ (small & (tailA ^ |z|)), tailA = g + g c (the chain gave −P there)
            DoubleVector b = ERF_ONE_BITS.lanewise(VectorOperators.XOR, small.and(ERF_ONE_BITS.lanewise(VectorOperators.XOR, axBits))).reinterpretAsDoubles();
            LongVector tailA = g.fma(c, g).reinterpretAsLongs();
            DoubleVector a = tailA.lanewise(VectorOperators.XOR, small.and(tailA.lanewise(VectorOperators.XOR, axBits))).reinterpretAsDoubles();
            // erf z = copySign(A·P + B, z)
            a.fma(p, b).reinterpretAsLongs().or(x.reinterpretAsLongs().and(SIGN)).reinterpretAsDoubles().intoArray(value, i);
            // σ' = 2/√π·g, written last (derivative may be z itself)
            g.mul(TWO_OVER_SQRT_PI).intoArray(derivative, i);
        }
    }
}
