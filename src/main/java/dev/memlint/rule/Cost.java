package dev.memlint.rule;

/**
 * What acting on a finding saves, as far as the analysis knows it.
 *
 * @param text       one clause for the message: "copies up to len(buf) items on every iteration: O(n²) in len(buf)"
 * @param growth     how the cost grows with the size: "O(n²)", "O(n·m)", "O(n)", or null when not known
 * @param size       what n stands for ("len(buf)"), or null
 * @param provenance where that size comes from: "input-driven (parameter `buf`)", "unknown", ...
 */
public record Cost(String text, String growth, String size, String provenance) {
}
