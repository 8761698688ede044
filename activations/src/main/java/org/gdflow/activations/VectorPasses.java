package org.gdflow.activations;

import static org.gdflow.activations.Erf.EFX;
import static org.gdflow.activations.Erf.EFX8;
import static org.gdflow.activations.Erf.ERX;
import static org.gdflow.activations.Erf.FAR_TAIL_FROM;
import static org.gdflow.activations.Erf.PA0;
import static org.gdflow.activations.Erf.PA1;
import static org.gdflow.activations.Erf.PA2;
import static org.gdflow.activations.Erf.PA3;
import static org.gdflow.activations.Erf.PA4;
import static org.gdflow.activations.Erf.PA5;
import static org.gdflow.activations.Erf.PA6;
import static org.gdflow.activations.Erf.PP0;
import static org.gdflow.activations.Erf.PP1;
import static org.gdflow.activations.Erf.PP2;
import static org.gdflow.activations.Erf.PP3;
import static org.gdflow.activations.Erf.PP4;
import static org.gdflow.activations.Erf.QA1;
import static org.gdflow.activations.Erf.QA2;
import static org.gdflow.activations.Erf.QA3;
import static org.gdflow.activations.Erf.QA4;
import static org.gdflow.activations.Erf.QA5;
import static org.gdflow.activations.Erf.QA6;
import static org.gdflow.activations.Erf.QQ1;
import static org.gdflow.activations.Erf.QQ2;
import static org.gdflow.activations.Erf.QQ3;
import static org.gdflow.activations.Erf.QQ4;
import static org.gdflow.activations.Erf.QQ5;
import static org.gdflow.activations.Erf.RA0;
import static org.gdflow.activations.Erf.RA1;
import static org.gdflow.activations.Erf.RA2;
import static org.gdflow.activations.Erf.RA3;
import static org.gdflow.activations.Erf.RA4;
import static org.gdflow.activations.Erf.RA5;
import static org.gdflow.activations.Erf.RA6;
import static org.gdflow.activations.Erf.RA7;
import static org.gdflow.activations.Erf.RB0;
import static org.gdflow.activations.Erf.RB1;
import static org.gdflow.activations.Erf.RB2;
import static org.gdflow.activations.Erf.RB3;
import static org.gdflow.activations.Erf.RB4;
import static org.gdflow.activations.Erf.RB5;
import static org.gdflow.activations.Erf.RB6;
import static org.gdflow.activations.Erf.SA1;
import static org.gdflow.activations.Erf.SA2;
import static org.gdflow.activations.Erf.SA3;
import static org.gdflow.activations.Erf.SA4;
import static org.gdflow.activations.Erf.SA5;
import static org.gdflow.activations.Erf.SA6;
import static org.gdflow.activations.Erf.SA7;
import static org.gdflow.activations.Erf.SA8;
import static org.gdflow.activations.Erf.SATURATED_FROM;
import static org.gdflow.activations.Erf.SB1;
import static org.gdflow.activations.Erf.SB2;
import static org.gdflow.activations.Erf.SB3;
import static org.gdflow.activations.Erf.SB4;
import static org.gdflow.activations.Erf.SB5;
import static org.gdflow.activations.Erf.SB6;
import static org.gdflow.activations.Erf.SB7;
import static org.gdflow.activations.Erf.SMALL;
import static org.gdflow.activations.Erf.SUBNORMAL_EDGE;
import static org.gdflow.activations.Erf.TAIL_CENTRE;
import static org.gdflow.activations.Erf.TAIL_E0;
import static org.gdflow.activations.Erf.TAIL_E1;
import static org.gdflow.activations.Erf.TAIL_E2;
import static org.gdflow.activations.Erf.TAIL_E3;
import static org.gdflow.activations.Erf.TAIL_E4;
import static org.gdflow.activations.Erf.TAIL_E5;
import static org.gdflow.activations.Erf.TAIL_E6;
import static org.gdflow.activations.Erf.TAIL_E7;
import static org.gdflow.activations.Erf.TAIL_E8;
import static org.gdflow.activations.Erf.TAIL_E9;
import static org.gdflow.activations.Erf.TAIL_E10;
import static org.gdflow.activations.Erf.TAIL_FROM;
import static org.gdflow.activations.Erf.TINY;
import static org.gdflow.activations.Erf.TWO_OVER_SQRT_PI;
import static org.gdflow.activations.VectorMath.SPECIES;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.DoubleVector;
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
    /** Per-thread scratch of a two-loop pass: four arrays of {@link #CHUNK}. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][CHUNK]);


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
        ERF_INNER_RATIONAL {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                erfInnerRational(z, scratch[1], scratch[2], start, stop);
            }
        },
        ERF_NEAR_RATIONAL {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                erfNearRational(z, scratch[1], scratch[2], scratch[3], start, stop);
            }
        },
        ERF_FAR_RATIONAL {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                erfFarRational(z, scratch[1], scratch[2], scratch[3], start, stop);
            }
        },
        ERF_INNER {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                erfInner(z, scratch[1], scratch[2], scratch[3], value, start, stop);
            }
        },
        FINISH_ERF {
            @Override
            void run(double[] z, double[][] scratch, double[] value, double[] derivative, int start, int stop) {
                finishErf(z, scratch[0], scratch[2], scratch[3], value, derivative, start, stop);
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
    /** The six loops of {@link #erf}, in order. */
    private static final Stage[] ERF_STAGES = {Stage.GAUSSIAN, Stage.ERF_INNER_RATIONAL, Stage.ERF_NEAR_RATIONAL, Stage.ERF_FAR_RATIONAL,
        Stage.ERF_INNER, Stage.FINISH_ERF};

    private VectorPasses() {
    }

    /**
     * A chunked pass over [from, end) (whole vectors): for each chunk of {@link #CHUNK} elements, its stages in
     * order, with the per-thread scratch. One call site for the stages of tanh and erf: erf's six receiver
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
     * From the scratch: em = e^x − 1, q = 1/(2 + em), σ = sign(z)·(−em q), σ' = 4e q² with e from
     * {@link VectorMath#expNonPositive(DoubleVector, DoubleVector)}; z and 1 below 2⁻²⁷.
     */
    private static void finishTanh(double[] z, double[] shiftedIn, double[] pIn, double[] value, double[] derivative,
            int start, int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector shifted = DoubleVector.fromArray(SPECIES, shiftedIn, i - start);
            DoubleVector p = DoubleVector.fromArray(SPECIES, pIn, i - start);
            DoubleVector em = VectorMath.expm1(shifted, p);
            DoubleVector q = one.div(em.add(2));
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            VectorMask<Double> tiny = zv.abs().compare(VectorOperators.LT, Tanh.TINY);
            // σ = sign(z)·(−em q): em q ≤ 0, its sign flipped where z ≥ 0
            VectorMath.copySignOfNegation(em.mul(q), zv).blend(zv, tiny).intoArray(value, i);
            VectorMath.expNonPositive(shifted, p).mul(4).mul(q).mul(q).blend(one, tiny).intoArray(derivative, i);
        }
    }

    /** {@link Sigmoid#scalarPass} on SIMD lanes. */
    static void sigmoid(double[] z, double[] value, double[] derivative, int from, int to) {
        int i = from;
        for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += LANES) {
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector e = VectorMath.expNonPositive(zv.abs().neg());
            DoubleVector q = DoubleVector.broadcast(SPECIES, 1).div(e.add(1));
            DoubleVector eq = e.mul(q);
            // σ = q for z ≥ 0, e q otherwise; σ' = e q²
            eq.blend(q, zv.compare(VectorOperators.GE, 0)).intoArray(value, i);
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

    /** From e = exp(−|z|): q = 1/(1 + e), σ = max(z, 0) + log1p(e), σ' = sigmoid(z). */
    private static void finishSoftplus(double[] z, double[] eIn, double[] value, double[] derivative, int start, int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector e = DoubleVector.fromArray(SPECIES, eIn, i - start);
            DoubleVector q = one.div(e.add(1));
            zv.max(0).add(VectorMath.log1p(e)).intoArray(value, i);
            e.mul(q).blend(q, zv.compare(VectorOperators.GE, 0)).intoArray(derivative, i);
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
     * {@link Erf#scalarPass} on SIMD lanes, in chunks and six loops (see {@link #tanh}): g = exp(−z²); the
     * numerator and denominator of each lane's rational function below 1.25, in the near and in the far
     * tail (R̃ and S̃ in y = z² there, S̃ over the numerator and S̃·|z| over the denominator); one division for
     * all of them (their lanes are disjoint), erf below 1.25, 1/|z| and R/S on the tail; then
     * e^(R/S − 0.5625), erfc, the saturated lanes and σ'. A branch is computed where some lane of the vector
     * needs it and blended into those lanes.
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

    /** Each lane's numerator and denominator below 1.25: P/Q of {@link Erf#erfSmall}, P1/Q1 of {@link Erf#erfMiddle}; 1/1 elsewhere. */
    private static void erfInnerRational(double[] z, double[] numOut, double[] denOut, int start, int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector ax = x.abs();
            DoubleVector num = one;
            DoubleVector den = one;
            VectorMask<Double> small = ax.compare(VectorOperators.LT, SMALL);
            if (small.anyTrue()) {
                DoubleVector zz = x.mul(x);
                num = num.blend(VectorMath.horner(zz, PP4, PP3, PP2, PP1, PP0), small);
                den = den.blend(VectorMath.horner(zz, QQ5, QQ4, QQ3, QQ2, QQ1, 1.0), small);
            }
            VectorMask<Double> middle = ax.compare(VectorOperators.GE, SMALL).and(ax.compare(VectorOperators.LT, TAIL_FROM));
            if (middle.anyTrue()) {
                DoubleVector s = ax.sub(1.0);
                num = num.blend(VectorMath.horner(s, PA6, PA5, PA4, PA3, PA2, PA1, PA0), middle);
                den = den.blend(VectorMath.horner(s, QA6, QA5, QA4, QA3, QA2, QA1, 1.0), middle);
            }
            num.intoArray(numOut, i - start);
            den.intoArray(denOut, i - start);
        }
    }

    /**
     * On the tail lanes below 1/0.35, with y = x²: S̃ over the numerator, S̃·|x| over the denominator and
     * R̃·(y|x|) into its own scratch, R̃ and S̃ of {@link Erf#tailNearNumerator} and {@link Erf#tailNearDenominator}.
     */
    private static void erfNearRational(double[] z, double[] num, double[] den, double[] tailOut, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector ax = x.abs();
            VectorMask<Double> near = ax.compare(VectorOperators.GE, TAIL_FROM).and(ax.compare(VectorOperators.LT, FAR_TAIL_FROM));
            if (near.anyTrue()) {
                // y = x²; S̃1(y) over the numerator, S̃1(y)·|x| over the denominator, R̃1(y)·(y|x|)
                DoubleVector y = x.mul(x);
                DoubleVector s = VectorMath.horner(y, 1.0, SA1, SA2, SA3, SA4, SA5, SA6, SA7, SA8);
                DoubleVector.fromArray(SPECIES, num, i - start).blend(s, near).intoArray(num, i - start);
                DoubleVector.fromArray(SPECIES, den, i - start).blend(s.mul(ax), near).intoArray(den, i - start);
                VectorMath.horner(y, RA0, RA1, RA2, RA3, RA4, RA5, RA6, RA7).mul(y.mul(ax)).intoArray(tailOut, i - start);
            }
        }
    }

    /** The same from 1/0.35 on, with R̃ and S̃ of {@link Erf#tailFarNumerator} and {@link Erf#tailFarDenominator}. */
    private static void erfFarRational(double[] z, double[] num, double[] den, double[] tailOut, int start, int stop) {
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector ax = x.abs();
            VectorMask<Double> far = ax.compare(VectorOperators.GE, FAR_TAIL_FROM).and(ax.compare(VectorOperators.LT, SATURATED_FROM));
            if (far.anyTrue()) {
                // y = x²; S̃2(y) over the numerator, S̃2(y)·|x| over the denominator, R̃2(y)·(y|x|)
                DoubleVector y = x.mul(x);
                DoubleVector s = VectorMath.horner(y, 1.0, SB1, SB2, SB3, SB4, SB5, SB6, SB7);
                DoubleVector.fromArray(SPECIES, num, i - start).blend(s, far).intoArray(num, i - start);
                DoubleVector.fromArray(SPECIES, den, i - start).blend(s.mul(ax), far).intoArray(den, i - start);
                DoubleVector.fromArray(SPECIES, tailOut, i - start)
                        .blend(VectorMath.horner(y, RB0, RB1, RB2, RB3, RB4, RB5, RB6).mul(y.mul(ax)), far).intoArray(tailOut, i - start);
            }
        }
    }

    /**
     * q = num/den (1/den on the tail lanes); erf x below 1.25 into value: x + x·q (the tiny and near-underflow
     * forms below 2⁻²⁸), ±(erx + q); x elsewhere. For the tail, w = S̃·q (≈ 1/|x|) over the denominator and
     * R/S = R̃·(y|x|)·q over R̃·(y|x|).
     */
    private static void erfInner(double[] z, double[] numIn, double[] denThenW, double[] tailRatio, double[] value, int start,
            int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector ax = x.abs();
            DoubleVector num = DoubleVector.fromArray(SPECIES, numIn, i - start);
            VectorMask<Double> tail = ax.compare(VectorOperators.GE, TAIL_FROM);
            // q = P/Q below 1.25, 1/(S̃·|x|) on the tail; w = S̃·q, R/S = R̃·(y|x|)·q
            DoubleVector q = num.blend(one, tail).div(DoubleVector.fromArray(SPECIES, denThenW, i - start));
            num.mul(q).intoArray(denThenW, i - start);
            DoubleVector.fromArray(SPECIES, tailRatio, i - start).mul(q).intoArray(tailRatio, i - start);
            DoubleVector result = x;
            VectorMask<Double> small = ax.compare(VectorOperators.LT, SMALL);
            if (small.anyTrue()) {
                DoubleVector y = x.fma(q, x);
                VectorMask<Double> tiny = ax.compare(VectorOperators.LT, TINY);
                if (tiny.anyTrue()) {
                    // erf x = x + efx·x; 0.125(8x + efx8·x) near underflow
                    y = y.blend(x.add(x.mul(EFX)), tiny);
                    y = y.blend(x.mul(8.0).add(x.mul(EFX8)).mul(0.125), ax.compare(VectorOperators.LT, SUBNORMAL_EDGE));
                }
                result = result.blend(y, small);
            }
            VectorMask<Double> middle = ax.compare(VectorOperators.GE, SMALL).and(tail.not());
            if (middle.anyTrue()) {
                DoubleVector v = q.add(ERX);
                result = result.blend(v.blend(v.neg(), x.compare(VectorOperators.LT, 0)), middle);
            }
            result.intoArray(value, i);
        }
    }

    /**
     * On the tail lanes erf x = ±(1 − g·E·w) with E = e^(R/S − 0.5625) ({@link Erf#tailFactor}), ±1 on the
     * saturated ones, value as it is elsewhere; σ' = 2/√π g.
     */
    private static void finishErf(double[] z, double[] gIn, double[] wIn, double[] ratioIn, double[] value,
            double[] derivative, int start, int stop) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int i = start; i < stop; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector g = DoubleVector.fromArray(SPECIES, gIn, i - start);
            DoubleVector ax = x.abs();
            VectorMask<Double> tail = ax.compare(VectorOperators.GE, TAIL_FROM).and(ax.compare(VectorOperators.LT, SATURATED_FROM));
            VectorMask<Double> saturated = ax.compare(VectorOperators.GE, SATURATED_FROM);
            if (tail.or(saturated).anyTrue()) {
                DoubleVector result = DoubleVector.fromArray(SPECIES, value, i);
                // E = e^(R/S − 0.5625) = Σ_k e^(c − 0.5625)/k!·v^k, v = R/S − c
                DoubleVector v = DoubleVector.fromArray(SPECIES, ratioIn, i - start).sub(TAIL_CENTRE);
                DoubleVector e = VectorMath.horner(v, TAIL_E10, TAIL_E9, TAIL_E8, TAIL_E7, TAIL_E6, TAIL_E5);
                e = VectorMath.horner(v, e, TAIL_E4, TAIL_E3, TAIL_E2, TAIL_E1, TAIL_E0);
                // erfc|x| = g·E·w; erf x = 1 − erfc for x ≥ 0, erfc − 1 otherwise
                DoubleVector erfc = g.mul(e).mul(DoubleVector.fromArray(SPECIES, wIn, i - start));
                result = result.blend(one.sub(erfc).blend(erfc.sub(1.0), x.compare(VectorOperators.LT, 0)), tail);
                result.blend(VectorMath.copySign(one, x), saturated).intoArray(value, i);
            }
            g.mul(TWO_OVER_SQRT_PI).intoArray(derivative, i);
        }
    }
}
