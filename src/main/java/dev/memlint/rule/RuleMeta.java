package dev.memlint.rule;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The metadata of a rule class; {@link RuleRegistry} turns it into a {@link RuleInfo}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleMeta {
    /** Stable key, "MEM201". */
    String code();

    /** Kebab-case name of the problem, "string-concatenation-in-loop". */
    String name();

    Severity severity();

    /** One neutral sentence. */
    String summary();

    boolean defaultEnabled() default true;

    String[] tags() default {"memory"};

    /** SARIF precision: "very-high", "high", "medium" or "low". */
    String precision() default "high";

    /** Integer options the rule reads (thresholds), settable under [tool.memlint.rules.CODE]. */
    Option[] options() default {};

    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Option {
        String name();

        long defaultValue();

        String description();
    }
}
