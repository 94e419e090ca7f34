package dev.gofr.ws.bench.runner;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the report writes figures.
 */
class FigureFormatTests {

	@Test
	void numbersGetFewerDecimalsAsTheyGrow() {
		assertThat(FigureFormat.format(123456.7)).isEqualTo("123,457");
		assertThat(FigureFormat.format(456.7)).isEqualTo("457");
		assertThat(FigureFormat.format(45.67)).isEqualTo("45.7");
		assertThat(FigureFormat.format(4.567)).isEqualTo("4.57");
		assertThat(FigureFormat.format(0.4567)).isEqualTo("0.457");
		assertThat(FigureFormat.format(3.0)).isEqualTo("3");
		assertThat(FigureFormat.format(null)).isEqualTo("–");
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(FigureFormat.median(List.of(4.0, 1.0, 3.0))).isEqualTo(3.0);
		assertThat(FigureFormat.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(FigureFormat.median(List.of())).isNull();
	}

	@Test
	void aCellShowsTheMedianWithTheRangeOfSeveralRepeats() {
		assertThat(FigureFormat.cell(List.of(12.0, 10.0, 11.0))).isEqualTo("11 (10–12)");
		assertThat(FigureFormat.cell(List.of(12.0))).isEqualTo("12");
		assertThat(FigureFormat.cell(List.of())).isEqualTo("–");
	}

}
