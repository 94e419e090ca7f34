package dev.gofr.ws.bench.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * How the generator records and rounds its figures: latency histograms in nanoseconds, their
 * percentiles in microseconds, and decimals.
 */
final class Figures {

	private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(600);

	private Figures() {
	}

	/**
	 * A histogram of latencies up to ten minutes, to three significant digits.
	 */
	static Histogram histogram() {
		return new Histogram(MAX_LATENCY, 3);
	}

	/**
	 * Record a latency, held between one nanosecond and the histogram's ten minutes.
	 */
	static void record(Histogram histogram, long nanos) {
		histogram.recordValue(Math.max(1, Math.min(nanos, MAX_LATENCY)));
	}

	/**
	 * The figures of a histogram: {@code <name>Samples}, then p50, p99, p99.9 and the maximum in
	 * microseconds ({@code <name>P50Us} and so on).
	 */
	static Map<String, Object> percentiles(String name, Histogram histogram) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put(name + "Samples", histogram.getTotalCount());
		result.put(name + "P50Us", micros(histogram.getValueAtPercentile(50)));
		result.put(name + "P99Us", micros(histogram.getValueAtPercentile(99)));
		result.put(name + "P999Us", micros(histogram.getValueAtPercentile(99.9)));
		result.put(name + "MaxUs", micros(histogram.getMaxValue()));
		return result;
	}

	private static double micros(long nanos) {
		return round(nanos / 1000.0, 1);
	}

	static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

}
