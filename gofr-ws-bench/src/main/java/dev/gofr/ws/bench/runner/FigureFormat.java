package dev.gofr.ws.bench.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How the report writes figures: the median of the repeats with the lowest and highest, and a
 * number with as many digits as it deserves; {@code –} for what was not measured.
 */
final class FigureFormat {

	private FigureFormat() {
	}

	/**
	 * A table cell: the median, and the lowest and highest in brackets when there are several.
	 */
	static String cell(List<Double> values) {
		if (values.isEmpty()) {
			return "–";
		}
		Double median = median(values);
		if (values.size() == 1) {
			return format(median);
		}
		return format(median) + " (" + format(min(values)) + "–" + format(max(values)) + ")";
	}

	static @Nullable Double median(List<Double> values) {
		if (values.isEmpty()) {
			return null;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static @Nullable Double min(List<Double> values) {
		return values.stream().min(Double::compare).orElse(null);
	}

	static @Nullable Double max(List<Double> values) {
		return values.stream().max(Double::compare).orElse(null);
	}

	static String format(@Nullable Double value) {
		if (value == null) {
			return "–";
		}
		double abs = Math.abs(value);
		if (abs >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (abs >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

}
