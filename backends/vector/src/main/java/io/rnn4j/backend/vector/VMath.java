package io.rnn4j.backend.vector;

import static io.rnn4j.backend.vector.Vec.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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
 * {@code tanh} uses Cephes' odd polynomial below {@code |x| = 0.625} (where {@code 2/(1 + e^-2x) - 1}
 * would cancel) and that formula above; within 3 ulp (1.8e-7 absolute) against {@code Math.tanh} over
 * {@code [-12, 12]}. NaN propagates.
 *
 * <p>Written so that C2 keeps every intermediate vector's exact class: only the vector-argument forms of
 * the operations (the scalar conveniences such as {@code fma(float, float)} or {@code blend(float, mask)}
 * return the abstract {@code FloatVector}), and a {@code tanh} that ends in one blend of two values
 * computed without blends (the old one blended a blend's result to take the sign, and its result reached
 * callers without an exact class; {@code exp}'s clamp, two blends on the input, was checked to keep it). A result of unknown exact class reaches the caller's
 * {@code intoArray} through a type-profile guard; inside the LSTM cell's compiled loop that guard left the
 * species non-constant, the store intrinsic failed, and every call boxed its vectors and ran the API's
 * Java fallback ({@code -XX:+PrintIntrinsics}: "missing constant: vclass=DecodeN"; JFR: {@code tanh} the
 * top allocator of an LSTM inference benchmark, 98 GCs in a W3/W4 run).
 */
final class VMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, kept in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float MAX_ARG = 88f;
    /** The int species of the same shape, for the exponent bits. */
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);

    private VMath() {
    }

    /** {@code e^x}, with {@code x} clamped to {@code [-88, 88]}. */
    static FloatVector exp(FloatVector x) {
        // clamp by compare and blend: NaN compares false and passes through (Java's max/min would keep it
        // too, but C2 expands their NaN semantics into several instructions each; this is 20% faster)
        FloatVector hi = FloatVector.broadcast(S, MAX_ARG);
        FloatVector lo = FloatVector.broadcast(S, -MAX_ARG);
        FloatVector xc = x.blend(hi, x.compare(VectorOperators.GT, hi)).blend(lo, x.compare(VectorOperators.LT, lo));
        // n = round(x / ln 2), as a float and in the low bits of t
        FloatVector rounder = FloatVector.broadcast(S, ROUNDER);
        FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), rounder);
        FloatVector n = t.sub(rounder);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, 1.9875691500E-4f), FloatVector.broadcast(S, 1.3981999507E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
        FloatVector y = p.fma(r.mul(r), r).add(FloatVector.broadcast(S, 1f));
        // 2^n from the integer n: exponent field n + 127 (n is in [-127, 127] after the clamp)
        IntVector bits = ((IntVector) t.reinterpretShape(IS, 0)).sub(IntVector.broadcast(IS, ROUNDER_BITS - 127))
                .lanewise(VectorOperators.LSHL, IntVector.broadcast(IS, 23));
        return y.mul((FloatVector) bits.reinterpretShape(S, 0));
    }

    /** {@code 1 / (1 + e^-x)}. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(exp(x.neg()).add(one));
    }

    /** {@code tanh(x)}. */
    static FloatVector tanh(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        // |x| >= 0.625: 2 / (1 + e^(-2x)) - 1, signed by itself (no blend for the sign: see the class comment)
        FloatVector big = FloatVector.broadcast(S, 2f).div(one.add(exp(x.mul(FloatVector.broadcast(S, -2f))))).sub(one);
        // small |x|: x + x^3 P(x^2)
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(FloatVector.broadcast(S, -5.70498872745E-3f), FloatVector.broadcast(S, 2.06390887954E-2f));
        p = p.fma(z, FloatVector.broadcast(S, -5.37397155531E-2f));
        p = p.fma(z, FloatVector.broadcast(S, 1.33314422036E-1f));
        p = p.fma(z, FloatVector.broadcast(S, -3.33332819422E-1f));
        FloatVector small = p.mul(z).fma(x, x);
        return big.blend(small, x.abs().compare(VectorOperators.LT, FloatVector.broadcast(S, 0.625f)));
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
