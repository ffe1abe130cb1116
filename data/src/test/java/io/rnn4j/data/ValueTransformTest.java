package io.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transforms against scipy ({@code tools/reference/forecast_data_reference.py}) and their inverses. */
class ValueTransformTest {

    @Test
    void boxCoxLambdaIsScipysMaximumLikelihoodLambda() {
        for (String name : new String[] {"air_passengers", "synthetic"}) {
            double[] x = ForecastReference.get("boxcox." + name + ".x");
            assertThat(ValueTransform.boxCoxLambda(x)).as(name)
                    .isCloseTo(ForecastReference.get("boxcox." + name + ".lambda")[0], within(1e-6));
        }
    }

    @Test
    void boxCoxValuesAreScipys() {
        double[] x = ForecastReference.get("boxcox.air_passengers.x");
        double[] y = ForecastReference.get("boxcox.air_passengers.y");
        ValueTransform t = ValueTransform.boxCox(0.3);
        for (int i = 0; i < x.length; i++) {
            assertThat(t.apply(x[i])).isCloseTo(y[i], within(1e-12 * Math.abs(y[i])));
        }
        assertThat(ValueTransform.boxCox(0).apply(Math.E)).isCloseTo(1, within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(SeriesTransform.class)
    void everyTransformInvertsExactlyOnItsDomain(SeriesTransform kind) {
        ValueTransform t = kind == SeriesTransform.BOX_COX ? ValueTransform.boxCox(-0.4) : ValueTransform.of(kind);
        for (double x : new double[] {0.001, 0.5, 1, 7.25, 612, 1e5}) {
            assertThat(t.invert(t.apply(x))).as("%s(%s)", kind, x).isCloseTo(x, within(1e-9 * x));
        }
    }

    @Test
    void domainsAreOnlyAsStrictAsTheTransformNeeds() {
        assertThat(SeriesTransform.LOG1P.accepts(0)).isTrue();
        assertThat(SeriesTransform.SQRT.accepts(0)).isTrue();
        assertThat(SeriesTransform.NONE.accepts(-5)).isTrue();
        assertThat(SeriesTransform.LOG.accepts(0)).isFalse();
        assertThat(SeriesTransform.BOX_COX.accepts(0)).isFalse();
        assertThat(SeriesTransform.SQRT.accepts(-0.1)).isFalse();
        assertThat(SeriesTransform.LOG1P.accepts(-1)).isFalse();
        assertThat(SeriesTransform.LOG1P.apply(0)).isEqualTo(0);
        assertThat(SeriesTransform.SQRT.apply(9)).isEqualTo(3);
    }

    @Test
    void inversesClampToTheDomainInsteadOfNaN() {
        assertThat(ValueTransform.of(SeriesTransform.SQRT).invert(-2)).isEqualTo(0);
        assertThat(ValueTransform.boxCox(0.5).invert(-3)).isEqualTo(0); // 0.5 * -3 + 1 < 0
    }

    @Test
    void boxCoxWithoutLambdaOrWithBadValuesIsExplained() {
        assertThatThrownBy(() -> SeriesTransform.BOX_COX.apply(2)).hasMessageContaining("needs its lambda");
        assertThatThrownBy(() -> ValueTransform.boxCoxLambda(new double[] {1, 0, 2})).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> ValueTransform.boxCoxLambda(new double[] {3, 3, 3})).hasMessageContaining("all equal");
        assertThat(ValueTransform.fit(SeriesTransform.BOX_COX, 0.25, new double[0]).lambda()).isEqualTo(0.25);
        assertThat(ValueTransform.fit(SeriesTransform.LOG, Double.NaN, new double[0])).isEqualTo(ValueTransform.of(SeriesTransform.LOG));
    }
}
