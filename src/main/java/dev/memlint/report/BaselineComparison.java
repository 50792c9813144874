package dev.memlint.report;

import com.contrastsecurity.sarif.Result;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * How this run's findings compare with a baseline.
 *
 * @param states the state of each finding, in the order of the findings compared: NEW or UNCHANGED
 * @param absent the baseline's SARIF results that no finding matched any more, in baseline order
 */
public record BaselineComparison(List<Result.BaselineState> states, List<JsonNode> absent) {
    public BaselineComparison {
        states = List.copyOf(states);
        absent = List.copyOf(absent);
    }

    public boolean isNew(int index) {
        return states.get(index) == Result.BaselineState.NEW;
    }
}
