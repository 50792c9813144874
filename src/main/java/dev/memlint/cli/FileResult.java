package dev.memlint.cli;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;

import java.util.List;

/** What checking one file produced; source is kept only when there are findings to show it for. */
public record FileResult(List<Finding> findings, SourceText source) {
}
