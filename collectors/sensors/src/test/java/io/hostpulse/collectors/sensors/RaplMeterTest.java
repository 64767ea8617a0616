package io.hostpulse.collectors.sensors;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Energy counters to watts, with the times of the readings given by the test (no clock, no sleeping). */
class RaplMeterTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** A real package domain's max_energy_range_uj (2^38 µJ less a bit, as Intel CPUs report it). */
    static final long RANGE = 262_143_328_850L;

    @Test
    void theFirstReadingHasNoIntervalAndTheSecondGivesAverageWatts() {
        RaplMeter m = new RaplMeter();
        assertThat(m.watts("intel-rapl:0", 1_000_000_000L, RANGE, T0)).isNull();
        // 500 J in 10 s
        assertThat(m.watts("intel-rapl:0", 1_500_000_000L, RANGE, T0.plusSeconds(10))).isEqualTo(50.0);
        // 30 J in 1.5 s
        assertThat(m.watts("intel-rapl:0", 1_530_000_000L, RANGE, T0.plusMillis(11_500))).isEqualTo(20.0);
    }

    @Test
    void aCounterThatWrappedAtItsRangeCountsTheEnergyOnBothSides() {
        RaplMeter m = new RaplMeter();
        m.watts("intel-rapl:0", RANGE - 100_000_000L, RANGE, T0);
        // 100 J up to the wrap and 400 J after it, in 10 s
        assertThat(m.watts("intel-rapl:0", 400_000_000L, RANGE, T0.plusSeconds(10))).isEqualTo(50.0);
    }

    @Test
    void aCounterThatWentBackwardsGivesNothingThenStartsAgainFromThere() {
        RaplMeter m = new RaplMeter();
        m.watts("intel-rapl:0", 100_000_000_000L, RANGE, T0);
        // down by 10 kJ: a wrap would mean 250 kJ in 10 s (25 kW); that is a reset, not a wrap
        assertThat(m.watts("intel-rapl:0", 90_000_000_000L, RANGE, T0.plusSeconds(10))).isNull();
        assertThat(m.watts("intel-rapl:0", 90_500_000_000L, RANGE, T0.plusSeconds(20))).isEqualTo(50.0);
    }

    @Test
    void aSmallStepBackOverALongIntervalIsNoWrapEither() {
        RaplMeter m = new RaplMeter();
        m.watts("intel-rapl:0", 100_000_000_000L, RANGE, T0);
        // as a wrap this would be 252 kJ in 10 minutes, a believable 420 W: but it is nearer a step back than a wrap
        assertThat(m.watts("intel-rapl:0", 90_000_000_000L, RANGE, T0.plusSeconds(600))).isNull();
    }

    @Test
    void withoutAKnownRangeAnyDecreaseGivesNothing() {
        RaplMeter m = new RaplMeter();
        m.watts("z", 5_000_000L, 0, T0);
        assertThat(m.watts("z", 1_000_000L, 0, T0.plusSeconds(10))).isNull();
        assertThat(m.watts("z", 11_000_000L, 0, T0.plusSeconds(20))).isEqualTo(1.0);
    }

    @Test
    void aPreviousReadingBeyondTheRangeIsNoWrap() {
        RaplMeter m = new RaplMeter();
        m.watts("z", RANGE + 5, RANGE, T0);
        assertThat(m.watts("z", 10, RANGE, T0.plusSeconds(10))).isNull();
    }

    @Test
    void theSameOrAnEarlierInstantGivesNothingAndKeepsTheBaseline() {
        RaplMeter m = new RaplMeter();
        m.watts("z", 1_000_000L, RANGE, T0.plusSeconds(10));
        assertThat(m.watts("z", 2_000_000L, RANGE, T0.plusSeconds(10))).isNull();
        assertThat(m.watts("z", 3_000_000L, RANGE, T0.plusSeconds(5))).isNull();
        assertThat(m.watts("z", 21_000_000L, RANGE, T0.plusSeconds(20))).isEqualTo(2.0);
    }

    @Test
    void zonesAreIndependentAndAForgottenZoneStartsAfresh() {
        RaplMeter m = new RaplMeter();
        m.watts("intel-rapl:0", 0, RANGE, T0);
        m.watts("intel-rapl:0:0", 0, RANGE, T0);
        assertThat(m.watts("intel-rapl:0:0", 100_000_000L, RANGE, T0.plusSeconds(10))).isEqualTo(10.0);
        m.retain(Set.of("intel-rapl:0:0"));
        assertThat(m.watts("intel-rapl:0", 500_000_000L, RANGE, T0.plusSeconds(10))).isNull();
    }

    @Test
    void aJumpUpwardsThatNoCpuCouldDrawGivesNothing() {
        RaplMeter m = new RaplMeter();
        m.watts("z", 0, RANGE, T0);
        // 100 kJ in 10 s would be 10 kW; then 2 kJ in 10 s is 200 W again
        assertThat(m.watts("z", 100_000_000_000L, RANGE, T0.plusSeconds(10))).isNull();
        assertThat(m.watts("z", 102_000_000_000L, RANGE, T0.plusSeconds(20))).isEqualTo(200.0);
    }

    @Test
    void neverNegativeOverManyIrregularReadings() {
        RaplMeter m = new RaplMeter();
        long[] energy = {RANGE - 5, 3, 2, 10_000_000L, RANGE - 1, 0, 0, RANGE / 2, RANGE / 2 - 1, 7};
        for (int i = 0; i < energy.length; i++) {
            Double w = m.watts("z", energy[i], RANGE, T0.plusSeconds(10L * i));
            if (w != null) {
                assertThat(w).isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(RaplMeter.MAX_WATTS);
            }
        }
    }
}
