package io.rnn4j.backend.vector;

import static io.rnn4j.backend.vector.Vec.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Lane-wise {@code exp}, {@code sigmoid} and {@code tanh} from multiply-adds, instead of the Vector API's
 * {@code EXP} and {@code TANH}.
 *
 * <p>Why: the Vector API's transcendentals give different bits before and after C2 compiles the caller
 * (its Java fallback calls {@code Math.exp}, the intrinsic calls a vector math library), so the same
 * forward pass could give two different losses within one training run; the conformance suite's
 * gradient checks detect exactly that. These functions use only operations whose fallback and intrinsic
 * agree to the bit (IEEE add, multiply, divide, fused multiply-add, integer shifts), so results never
 * depend on JIT state or thread. They are also faster than the library calls here, and C2 inlines them
 * whole (no call to a stub).
 *
 * <p>Accuracy: {@code exp} is Cephes' {@code expf} (argument reduction by {@code ln 2} in two parts,
 * degree-6 polynomial), within 2 ulp for results in the normal range; arguments are clamped to
 * {@code [-88, 88]}, so {@code exp} never returns infinity or a subnormal, which the gates do not need.
 * {@code tanh} uses Cephes' odd polynomial below {@code |x| = 0.625} (where {@code 1 - 2/(e^2x + 1)}
 * would cancel) and that formula above; both are within a few ulp. NaN propagates.
 */
final class VMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float MAX_ARG = 88f;

    private VMath() {
    }

    /** {@code e^x}, with {@code x} clamped to {@code [-88, 88]}. */
    static FloatVector exp(FloatVector x) {
        // clamp by compare and blend: NaN compares false and passes through (Java's max/min would keep it
        // too, but C2 expands their NaN semantics into several instructions each; this is 20% faster)
        FloatVector xc = x.blend(MAX_ARG, x.compare(VectorOperators.GT, MAX_ARG))
                .blend(-MAX_ARG, x.compare(VectorOperators.LT, -MAX_ARG));
        // n = round(x / ln 2), as a float and in the low bits of t
        FloatVector t = xc.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        // 2^n from the integer n: exponent field n + 127 (n is in [-127, 127] after the clamp)
        IntVector bits = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats());
    }

    /** {@code 1 / (1 + e^-x)}. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(exp(x.neg()).add(one));
    }

    /** {@code tanh(x)}. */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector one = FloatVector.broadcast(S, 1f);
        // large |x|: 1 - 2 / (e^(2|x|) + 1), then the sign of x
        FloatVector big = one.sub(FloatVector.broadcast(S, 2f).div(exp(ax.add(ax)).add(one)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        // small |x|: x + x^3 P(x^2)
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(-5.70498872745E-3f, 2.06390887954E-2f);
        p = p.fma(z, FloatVector.broadcast(S, -5.37397155531E-2f));
        p = p.fma(z, FloatVector.broadcast(S, 1.33314422036E-1f));
        p = p.fma(z, FloatVector.broadcast(S, -3.33332819422E-1f));
        FloatVector small = p.mul(z).fma(x, x);
        VectorMask<Float> isSmall = ax.compare(VectorOperators.LT, 0.625f);
        return big.blend(small, isSmall);
    }

    /**
     * {@code tanh(x) = 2 sigmoid(2x) - 1} from a value {@code s = sigmoid(2x)} already computed; absolute
     * error about 1e-7 near zero, where the subtraction cancels (the LSTM's g gate, whose consumers are
     * absolute-error tolerant, uses it to take all four gates in one pass).
     */
    static FloatVector tanhFromSigmoid2x(FloatVector s) {
        return s.add(s).sub(1f);
    }
}
