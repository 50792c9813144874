package dev.memlint.rule;

import java.util.List;

/**
 * One problem found in one file. path is as the user named it (relative where they gave a relative
 * path, '/' separated). related and flow may be empty; fix and cost may be null.
 */
public record Finding(String code, String path, TextRange range, Severity severity, String message,
                      List<Related> related, List<FlowStep> flow, Fix fix, Cost cost) {

    public Finding(String code, String path, TextRange range, Severity severity, String message) {
        this(code, path, range, severity, message, List.of(), List.of(), null, null);
    }

    public Finding(String code, String path, TextRange range, Severity severity, String message,
                   List<Related> related, List<FlowStep> flow, Fix fix) {
        this(code, path, range, severity, message, related, flow, fix, null);
    }
}
